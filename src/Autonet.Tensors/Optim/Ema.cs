using System.Numerics.Tensors;
using Autonet.Tensors.Memory;

namespace Autonet.Tensors.Optim;

/// <summary>
/// Exponential moving average from one arena into another with the same layout (I-JEPA's target encoder,
/// §3: target = m * target + (1 - m) * online). One fused pass over the two contiguous arrays.
/// </summary>
public static class Ema
{
    public static void Update(ParameterArena target, ParameterArena online, float momentum)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(online);
        if (momentum is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "EMA momentum must be in [0, 1]");
        }
        target.RequireSameLayout(online);
        var t = target.Values;
        // t = m t + (1 - m) o  ==  (t - o) * m + o
        TensorPrimitives.Subtract(t, online.Values, t);
        TensorPrimitives.MultiplyAdd(t, momentum, online.Values, t);
    }
}
