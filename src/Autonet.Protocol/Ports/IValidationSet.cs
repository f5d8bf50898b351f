namespace Autonet.Protocol.Ports;

/// <summary>A proposer's validation set decoded for one base model by <see cref="IDeltaScorer"/>; opaque to the roles.</summary>
public interface IValidationSet
{
    /// <summary>How many samples it holds.</summary>
    int Count { get; }
}
