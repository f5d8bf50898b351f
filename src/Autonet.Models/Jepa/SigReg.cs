// SIGReg (LeJEPA, Balestriero and LeCun 2025, §4): pushes the embeddings z (B, C) towards an isotropic standard
// Gaussian by testing every 1-D projection p = z a (a unit direction) with the Epps-Pulley statistic
//   T(a) = B * sum_k w_k |phi_B(t_k) - exp(-t_k^2 / 2)|^2,   phi_B(t) = (1/B) sum_n exp(i t p_n) = Cos(t) + i Sin(t),
// on t_k in [-3, 3] (17 points, trapezoid weights times the Gaussian window exp(-t^2/2)), averaged over M directions.
// Gradient: dT/dp_n = 2 w_k t_k (-(Cos - phi) sin(t p_n) + Sin cos(t p_n)) summed over k (the 1/B of phi_B cancels B).
// Here the M directions are drawn once per model from its seed (not per step) so a run stays a function of seed and
// step; with M = 2C random directions every axis and most mixtures are tested. Sums in double; dz is accumulated into.
namespace Autonet.Models.Jepa;

/// <summary>The sketched isotropic-Gaussian regularizer with its gradient.</summary>
public sealed class SigReg
{
    public const int Points = 17;
    public const double MaxT = 3;

    private readonly float[] _directions; // (M, C), unit rows
    private readonly double[] _t = new double[Points];
    private readonly double[] _w = new double[Points];

    /// <summary>Draws <paramref name="directions"/> unit directions in <paramref name="channels"/> dimensions from the seed.</summary>
    public SigReg(int channels, int directions, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(directions);
        (Channels, Directions) = (channels, directions);
        _directions = new float[directions * channels];
        var random = new Core.Randomness.SeededRandom((ulong)(uint)seed ^ 0x5163_0000_0000_0000UL);
        for (var m = 0; m < directions; m++)
        {
            var row = _directions.AsSpan(m * channels, channels);
            for (var d = 0; d < channels; d++)
            {
                row[d] = (float)random.NextGaussian();
            }
            System.Numerics.Tensors.TensorPrimitives.Divide(row, System.Numerics.Tensors.TensorPrimitives.Norm(row), row);
        }
        var step = 2 * MaxT / (Points - 1);
        for (var k = 0; k < Points; k++)
        {
            _t[k] = -MaxT + (k * step);
            var trapezoid = k is 0 or Points - 1 ? step / 2 : step;
            _w[k] = trapezoid * Math.Exp(-_t[k] * _t[k] / 2);
        }
    }

    public int Channels { get; }

    public int Directions { get; }

    /// <summary>Returns weight * mean_a T(a) for z (B, C) and adds its gradient to dz (B, C).</summary>
    public float Forward(ReadOnlySpan<float> z, Span<float> dz, int batch, float weight)
    {
        var c = Channels;
        if (batch < 2 || z.Length != batch * c || dz.Length != z.Length)
        {
            Errors.Argument(nameof(z), $"need z and dz of batch x channels = {batch} x {c} with batch >= 2, got {z.Length} and {dz.Length}");
        }
        var p = new double[batch];
        var dp = new double[batch];
        double loss = 0;
        for (var m = 0; m < Directions; m++)
        {
            var a = _directions.AsSpan(m * c, c);
            for (var n = 0; n < batch; n++)
            {
                p[n] = System.Numerics.Tensors.TensorPrimitives.Dot(z.Slice(n * c, c), a);
            }
            Array.Clear(dp);
            for (var k = 0; k < Points; k++)
            {
                double cos = 0, sin = 0;
                for (var n = 0; n < batch; n++)
                {
                    cos += Math.Cos(_t[k] * p[n]);
                    sin += Math.Sin(_t[k] * p[n]);
                }
                (cos, sin) = (cos / batch, sin / batch);
                var re = cos - Math.Exp(-_t[k] * _t[k] / 2);
                loss += batch * _w[k] * ((re * re) + (sin * sin));
                var g = 2 * _w[k] * _t[k];
                for (var n = 0; n < batch; n++)
                {
                    dp[n] += g * ((-re * Math.Sin(_t[k] * p[n])) + (sin * Math.Cos(_t[k] * p[n])));
                }
            }
            var scale = weight / Directions;
            for (var n = 0; n < batch; n++)
            {
                var row = dz.Slice(n * c, c);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(a, (float)(scale * dp[n]), row, row);
            }
        }
        return (float)(weight * loss / Directions);
    }
}
