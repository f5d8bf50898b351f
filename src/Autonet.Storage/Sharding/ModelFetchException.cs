using Autonet.Core;

namespace Autonet.Storage.Sharding;

/// <summary>A model could not be fetched; <see cref="Failures"/> says which providers failed and why.</summary>
public sealed class ModelFetchException : AutonetException
{
    public ModelFetchException()
    {
    }

    public ModelFetchException(string message) : base(message)
    {
    }

    public ModelFetchException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ModelFetchException(string message, IReadOnlyList<ProviderFailure> failures)
        : base(message + (failures.Count == 0 ? "" : Environment.NewLine + string.Join(Environment.NewLine, failures)))
    {
        Failures = failures;
    }

    public IReadOnlyList<ProviderFailure> Failures { get; } = [];
}
