using Autonet.Core;

namespace Autonet.Storage.Erasure;

/// <summary>Fewer than k shards are available, so the data cannot be reconstructed.</summary>
public sealed class InsufficientShardsException : AutonetException
{
    public InsufficientShardsException()
    {
    }

    public InsufficientShardsException(string message) : base(message)
    {
    }

    public InsufficientShardsException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
