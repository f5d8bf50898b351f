using System.Numerics.Tensors;
using Autonet.Tensors.Memory;

namespace Autonet.Tensors.Optim;

/// <summary>Global-norm gradient clipping (torch.nn.utils.clip_grad_norm_): scale all grads by min(1, max / norm).</summary>
public static class GradClip
{
    /// <summary>Returns the norm before clipping.</summary>
    public static double ClipByGlobalNorm(ParameterArena arena, float maxNorm)
    {
        ArgumentNullException.ThrowIfNull(arena);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNorm);
        var norm = arena.GradNorm();
        if (norm > maxNorm)
        {
            TensorPrimitives.Multiply(arena.Grads, (float)(maxNorm / (norm + 1e-6)), arena.Grads);
        }
        return norm;
    }
}
