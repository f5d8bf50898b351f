// The uniformity loss of Wang & Isola 2020 (eq. 4 / §4.1: L_uniform = log E_{i != j} exp(-t |u_i - u_j|^2), t = 2),
// an option beside VL-JEPA's InfoNCE term (issue 18: hubness). InfoNCE's denominator already spreads predictions
// against the other modality's keys; this term spreads one head's predictions against each other, so that no region of
// the sphere draws many of them (a hub key in the other direction). Rows are centred on their batch mean, then
// L2-normalised, as the InfoNCE term sees them (and as retrieval's centred cosine does). Sums in double.
// Legend: M rows, C width, x rows (M, C), u the centred unit rows, e_ij = exp(-t |u_i - u_j|^2), S = sum_{i != j} e_ij.
namespace Autonet.Models.Jepa;

/// <summary>Wang and Isola's uniformity loss with its gradient.</summary>
public static class Uniformity
{
    /// <summary>Wang and Isola's t.</summary>
    public const double Scale = 2;

    /// <summary>Returns weight * L_uniform of the M rows of x and adds weight * dL/dx to <paramref name="dx"/> (M, C).</summary>
    /// <exception cref="ArgumentException">Fewer than 2 rows, spans of the wrong length, or a weight that is negative or not finite.</exception>
    public static float Forward(ReadOnlySpan<float> x, Span<float> dx, int rows, int channels, float weight)
    {
        var (m, c) = (rows, channels);
        if (m < 2 || c < 1 || x.Length != m * c || dx.Length != m * c)
        {
            Errors.Argument(nameof(x), $"need rows and their gradient of rows x channels = {m} x {c} with at least 2 rows, got {x.Length} and {dx.Length}");
        }
        if (!(weight >= 0) || !float.IsFinite(weight))
        {
            Errors.Argument(nameof(weight), $"uniformity weight {weight} must be finite and >= 0");
        }
        var (u, norm) = CrossModalContrast.Normalize(CrossModalContrast.Centre(x, m, c), m, c);
        var e = new double[m * m];
        var max = double.NegativeInfinity; // log-sum-exp: -t d_ij is in [-4t, 0]
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                if (i == j)
                {
                    continue;
                }
                double dot = 0;
                for (var k = 0; k < c; k++)
                {
                    dot += u[(i * c) + k] * u[(j * c) + k];
                }
                e[(i * m) + j] = -Scale * (2 - (2 * dot));
                max = Math.Max(max, e[(i * m) + j]);
            }
        }
        double sum = 0;
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                e[(i * m) + j] = i == j ? 0 : Math.Exp(e[(i * m) + j] - max);
                sum += e[(i * m) + j];
            }
        }
        var loss = max + Math.Log(sum / (m * (m - 1.0)));
        // dL/du_i = sum_{j != i} (e_ij + e_ji) / S * (-t) * 2 (u_i - u_j) = -4t / S * sum_j e_ij (u_i - u_j) (e symmetric)
        var dCentred = new double[m * c];
        for (var i = 0; i < m; i++)
        {
            var g = new double[c];
            for (var j = 0; j < m; j++)
            {
                var w = -4 * Scale * e[(i * m) + j] / sum;
                for (var k = 0; k < c; k++)
                {
                    g[k] += w * (u[(i * c) + k] - u[(j * c) + k]);
                }
            }
            CrossModalContrast.UnitBackward(g, u, norm, i, c, dCentred);
        }
        CrossModalContrast.AddCentreBackward(dCentred, dx, m, c, weight);
        return (float)(weight * loss);
    }
}
