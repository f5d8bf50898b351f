namespace Autonet.Protocol.Ports;

/// <summary>
/// Model work the roles delegate (Autonet.Training): train a delta, score one, and move between model bytes and the
/// flat float arena aggregation works on. Failures throw; a role never substitutes a made-up number.
/// </summary>
public interface ITrainer
{
    /// <summary>Trains from <paramref name="baseModel"/> on this node's local data; returns the delta's serialized bytes.</summary>
    Task<byte[]> TrainAsync(byte[] baseModel, string trainingSpec, CancellationToken cancellationToken);

    /// <summary>
    /// Quality of base+delta on the validation set in [0, 1], recomputed deterministically by the caller
    /// (JEPA loss and cosine verification score; never the solver's own numbers).
    /// </summary>
    Task<double> ScoreAsync(byte[] baseModel, byte[] delta, byte[] validationSet, CancellationToken cancellationToken);

    /// <summary>The delta's parameters as one flat arena; throws on a malformed blob or wrong names and shapes.</summary>
    float[] DecodeDelta(byte[] baseModel, byte[] delta);

    /// <summary>The serialized model base + delta (same architecture and manifest as the base).</summary>
    byte[] ApplyDelta(byte[] baseModel, ReadOnlySpan<float> delta);
}
