using Autonet.Tensors;
using Autonet.Tensors.Memory;

namespace Autonet.Models.Jepa;

/// <summary>An encoder from input to tokens (B, K, C) that can see only a kept subset of token positions.</summary>
public interface ITokenEncoder
{
    int Width { get; }

    /// <summary>Token positions per input (T).</summary>
    int Tokens { get; }

    /// <summary>keep: (B * K) positions in [0, T), K per item; null keeps all T.</summary>
    Tensor Forward(JepaInput input, int[]? keep, ActivationArena arena);

    /// <summary>Accumulates parameter gradients from dy (B, K, C).</summary>
    void Backward(Tensor dy, ActivationArena arena);
}
