using System.Diagnostics.CodeAnalysis;

namespace Autonet.Protocol.Ports;

/// <summary>
/// Moves between model and delta bytes and what the roles work on (Autonet.Training's one delta format, wired in
/// Autonet.Node). Bytes from other nodes are untrusted: the Try forms return the reason instead of throwing, and
/// <see cref="TryDecodeDelta"/> is the one place a delta's finiteness is checked.
/// </summary>
public interface IModelCodec
{
    /// <summary>Decodes model bytes; false with the reason when they are not a model this node can use.</summary>
    bool TryDecodeModel(byte[] bytes, [NotNullWhen(true)] out IModel? model, [NotNullWhen(false)] out string? reason);

    /// <summary>
    /// The delta's values in the model's flat order; false with the reason when the bytes are not a delta for
    /// <paramref name="baseModel"/> (malformed, another architecture, a wrong name or shape, a non-finite value).
    /// </summary>
    bool TryDecodeDelta(IModel baseModel, byte[] bytes, [NotNullWhen(true)] out float[]? delta, [NotNullWhen(false)] out string? reason);

    /// <summary>The delta's bytes for <paramref name="baseModel"/> (what a solver stores and reveals).</summary>
    byte[] EncodeDelta(IModel baseModel, float[] delta);

    /// <summary>The serialized model base + delta (same architecture and manifest as the base).</summary>
    /// <exception cref="ArgumentException">The delta's length is not the model's parameter count.</exception>
    byte[] EncodeModel(IModel baseModel, ReadOnlySpan<float> delta);
}
