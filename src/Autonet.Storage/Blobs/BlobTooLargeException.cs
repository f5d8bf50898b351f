using Autonet.Core;

namespace Autonet.Storage.Blobs;

/// <summary>A blob exceeds the size limit of the store or gateway that was asked to take it.</summary>
public sealed class BlobTooLargeException : AutonetException
{
    public BlobTooLargeException()
    {
    }

    public BlobTooLargeException(string message) : base(message)
    {
    }

    public BlobTooLargeException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
