// Anti-collapse terms from VICReg (Bardes et al. 2022, §2, eqs. 1-4) applied to the context encoder's per-sample
// mean-pooled outputs z (B, C): variance v = mean_d relu(gamma - sqrt(var_d + eps)) keeps every dimension spread across
// samples, covariance c = (1/C) sum_{i != j} cov_ij^2 decorrelates dimensions (raises effective rank). Pure I-JEPA has
// neither (weights 0); they are the fallback when the EMA target alone does not prevent collapse at small scale.
// Sums in double; dz is overwritten. Legend: B samples, C channels, zc = z - mean over samples.
namespace Autonet.Models.Jepa;

/// <summary>Variance and covariance penalties with their gradient.</summary>
public static class FeatureRegularizer
{
    public const double Eps = 1e-4;

    /// <summary>Returns varianceWeight * v + covarianceWeight * c and writes its gradient to dz (B, C).</summary>
    public static float Forward(ReadOnlySpan<float> z, Span<float> dz, int batch, int channels, float varianceWeight, float covarianceWeight, float gamma = 1f)
    {
        if (batch < 2 || z.Length != batch * channels || dz.Length != z.Length)
        {
            Errors.Argument(nameof(z), $"need z and dz of batch x channels = {batch} x {channels} with batch >= 2, got {z.Length} and {dz.Length}");
        }
        var (b, c) = (batch, channels);
        var zc = new double[b * c];
        for (var d = 0; d < c; d++)
        {
            double mean = 0;
            for (var n = 0; n < b; n++)
            {
                mean += z[(n * c) + d];
            }
            mean /= b;
            for (var n = 0; n < b; n++)
            {
                zc[(n * c) + d] = z[(n * c) + d] - mean;
            }
        }
        var grad = new double[b * c];
        double loss = 0;
        for (var d = 0; d < c; d++)
        {
            double var = 0;
            for (var n = 0; n < b; n++)
            {
                var += zc[(n * c) + d] * zc[(n * c) + d];
            }
            var std = Math.Sqrt((var / (b - 1)) + Eps);
            if (std < gamma)
            {
                loss += varianceWeight * (gamma - std) / c;
                // d(-std)/dz_nd = -zc_nd / ((B - 1) std); the mean's own gradient sums to zero over n
                var scale = -varianceWeight / (c * (b - 1) * std);
                for (var n = 0; n < b; n++)
                {
                    grad[(n * c) + d] += scale * zc[(n * c) + d];
                }
            }
        }
        if (covarianceWeight != 0)
        {
            var cov = new double[c * c]; // (C, C) = zc^T zc / (B - 1)
            for (var n = 0; n < b; n++)
            {
                for (var i = 0; i < c; i++)
                {
                    var zi = zc[(n * c) + i];
                    for (var j = 0; j < c; j++)
                    {
                        cov[(i * c) + j] += zi * zc[(n * c) + j];
                    }
                }
            }
            for (var k = 0; k < cov.Length; k++)
            {
                cov[k] /= b - 1;
            }
            for (var i = 0; i < c; i++)
            {
                for (var j = 0; j < c; j++)
                {
                    if (i != j)
                    {
                        loss += covarianceWeight * cov[(i * c) + j] * cov[(i * c) + j] / c;
                    }
                }
            }
            // dL/dzc = 4 w / (C (B - 1)) zc G with G = cov off the diagonal (symmetric); rows of zc G sum to zero.
            var s = 4.0 * covarianceWeight / (c * (b - 1));
            for (var n = 0; n < b; n++)
            {
                for (var j = 0; j < c; j++)
                {
                    double acc = 0;
                    for (var i = 0; i < c; i++)
                    {
                        if (i != j)
                        {
                            acc += zc[(n * c) + i] * cov[(i * c) + j];
                        }
                    }
                    grad[(n * c) + j] += s * acc;
                }
            }
        }
        for (var k = 0; k < grad.Length; k++)
        {
            dz[k] = (float)grad[k];
        }
        return (float)loss;
    }

    /// <summary>
    /// Adds the invariance term w * mean_{n, d} (z_n - z_{n + P})^2 over P = batch / 2 pairs (VICReg eq. 5, rows n and
    /// n + P are two views of one sample) to <paramref name="dz"/> (which it accumulates into) and returns it.
    /// </summary>
    public static float Invariance(ReadOnlySpan<float> z, Span<float> dz, int batch, int channels, float weight)
    {
        if (batch < 2 || batch % 2 != 0 || z.Length != batch * channels || dz.Length != z.Length)
        {
            Errors.Argument(nameof(z), $"need z and dz of batch x channels = {batch} x {channels} with an even batch >= 2 (two views per sample), got {z.Length} and {dz.Length}");
        }
        var (p, c) = (batch / 2, channels);
        double loss = 0;
        var scale = 2.0 * weight / (p * c); // d/dz_n of w (z_n - z_m)^2 / (P C)
        for (var k = 0; k < p * c; k++)
        {
            double diff = z[k] - z[k + (p * c)];
            loss += diff * diff;
            dz[k] += (float)(scale * diff);
            dz[k + (p * c)] -= (float)(scale * diff);
        }
        return (float)(weight * loss / (p * c));
    }
}
