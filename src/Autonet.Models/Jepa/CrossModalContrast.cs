// The cross-modal alignment term of VL-JEPA (Chen et al. 2025, §3: InfoNCE between predicted and target embeddings,
// read as alignment plus uniformity): for M pairs, cosine similarities s_ij = <p_i/|p_i|, z_j/|z_j|> / tau between
// sample i's predicted embedding of the other modality and sample j's target embedding, and the mean of the two
// cross-entropies (rows: each prediction picks its own target among M; columns: each target picks its own prediction),
// as CLIP (Radford et al. 2021, Fig. 3). Both sides are centred on their batch mean first: pooled JEPA embeddings share
// a large common part (position codes pooled over a window are the same for every sample), which made every cosine
// alike and the loss stay at ln M (measured: 5.7 for two heads of M = 16 after 200 steps). The target side gets no
// gradient (EMA targets). Optionally Q queued keys of earlier batches join the row term's negatives (MoCo's queue), so
// a batch of 16 pairs is not 15 negatives. Sums in double.
// Legend: M pairs, Q queued keys, C width, p predictions (M, C), z targets (M, C) then queued keys (Q, C).
namespace Autonet.Models.Jepa;

/// <summary>Bidirectional InfoNCE with its gradient on the predictions.</summary>
public static class CrossModalContrast
{
    /// <summary>Returns weight * loss and adds weight * dLoss/dp to <paramref name="dPred"/> (M, C).</summary>
    /// <exception cref="ArgumentException">Fewer than 2 pairs, spans of the wrong length, or a temperature that is not positive.</exception>
    public static float Forward(ReadOnlySpan<float> pred, ReadOnlySpan<float> target, Span<float> dPred, int pairs, int channels, float temperature, float weight) =>
        Forward(pred, target, dPred, pairs, channels, temperature, weight, [], [], []);

    /// <summary>
    /// As above, with Q extra negative keys (MoCo, He et al. 2020, §3.2: a queue of earlier batches' momentum-encoder
    /// keys): each prediction picks its own target among the M batch targets and the Q queued keys, except queued keys of
    /// its own sample (<paramref name="queueIds"/> equal to <paramref name="ids"/>[i] >= 0, a false negative). The column term
    /// (each target picks its prediction) stays within the batch. Targets and queued keys are centred on their joint mean.
    /// queue is (Q, C) keys (no gradient), queueIds their (Q) sample ids, ids the batch's (M) sample ids (empty when the
    /// queue is).
    /// </summary>
    /// <exception cref="ArgumentException">As above, or queue, queueIds and ids of mismatched lengths.</exception>
    public static float Forward(ReadOnlySpan<float> pred, ReadOnlySpan<float> target, Span<float> dPred, int pairs, int channels, float temperature, float weight,
        ReadOnlySpan<float> queue, ReadOnlySpan<int> queueIds, ReadOnlySpan<int> ids) =>
        Forward(pred, target, dPred, pairs, channels, temperature, weight, queue, queueIds, ids, out _);

    /// <summary>
    /// As above, and <paramref name="dLogScale"/> = d(weight * loss) / d ln(1/tau): the gradient of a learned logit
    /// scale (CLIP, Radford et al. 2021, §2.5: the temperature is a parameter, optimised as log 1/tau).
    /// </summary>
    /// <exception cref="ArgumentException">As above.</exception>
    public static float Forward(ReadOnlySpan<float> pred, ReadOnlySpan<float> target, Span<float> dPred, int pairs, int channels, float temperature, float weight,
        ReadOnlySpan<float> queue, ReadOnlySpan<int> queueIds, ReadOnlySpan<int> ids, out double dLogScale)
    {
        var (m, c) = (pairs, channels);
        if (m < 2 || c < 1 || pred.Length != m * c || target.Length != m * c || dPred.Length != m * c)
        {
            Errors.Argument(nameof(pred), $"need predictions, targets and their gradient of pairs x channels = {m} x {c} with at least 2 pairs, got {pred.Length}, {target.Length} and {dPred.Length}");
        }
        if (!(temperature > 0) || !float.IsFinite(temperature))
        {
            Errors.Argument(nameof(temperature), $"temperature {temperature} must be positive and finite");
        }
        var q = queueIds.Length;
        if (queue.Length != q * c || (q > 0 && ids.Length != m))
        {
            Errors.Argument(nameof(queue), $"need queue keys of {q} ids x {c} channels ({queue.Length} values) and {m} batch ids when the queue is not empty (got {ids.Length})");
        }
        var keys = new float[(m + q) * c]; // (M + Q, C): the batch's targets, then the queue
        target.CopyTo(keys);
        queue.CopyTo(keys.AsSpan(m * c));
        var (p, pn) = Normalize(Centre(pred, m, c), m, c);
        var (z, _) = Normalize(Centre(keys, m + q, c), m + q, c);
        var width = m + q;
        var s = new double[m * width]; // (M, M + Q) logits; a queued key of the query's own sample is left out (-inf)
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < width; j++)
            {
                if (j >= m && ids[i] >= 0 && queueIds[j - m] == ids[i])
                {
                    s[(i * width) + j] = double.NegativeInfinity;
                    continue;
                }
                double dot = 0;
                for (var k = 0; k < c; k++)
                {
                    dot += p[(i * c) + k] * z[(j * c) + k];
                }
                s[(i * width) + j] = dot / temperature;
            }
        }
        var ds = new double[m * width];
        double loss = 0;
        for (var i = 0; i < m; i++)
        {
            loss += SoftmaxTerm(s, ds, i, m, width, row: true);
            loss += SoftmaxTerm(s, ds, i, m, width, row: false);
        }
        var scale = 0.5 / m; // mean over M, mean of the two directions
        dLogScale = 0; // s_ij = (p_i . z_j) e^theta, theta = ln(1/tau): ds_ij / dtheta = s_ij
        for (var x = 0; x < s.Length; x++)
        {
            dLogScale += double.IsFinite(s[x]) ? ds[x] * s[x] : 0; // a left-out key (-inf) has probability 0
        }
        dLogScale *= weight * scale;
        var dCentred = new double[m * c];
        for (var i = 0; i < m; i++)
        {
            // g = dL/dp_hat_i = sum_j ds_ij z_j / tau; dL/dp_i = (g - p_hat (p_hat . g)) / |p_i|
            var g = new double[c];
            for (var j = 0; j < width; j++)
            {
                var w = ds[(i * width) + j] * scale / temperature;
                for (var k = 0; k < c; k++)
                {
                    g[k] += w * z[(j * c) + k];
                }
            }
            UnitBackward(g, p, pn, i, c, dCentred);
        }
        AddCentreBackward(dCentred, dPred, m, c, weight);
        return (float)(weight * loss * scale);
    }

    // -log softmax of row i over all `width` columns (or of column i over the M batch rows) at i; adds softmax - onehot
    // to ds along it. A -inf logit (a left-out key) gets probability 0.
    private static double SoftmaxTerm(double[] s, double[] ds, int i, int m, int width, bool row)
    {
        var n = row ? width : m;
        int At(int j) => row ? (i * width) + j : (j * width) + i;
        var max = double.NegativeInfinity;
        for (var j = 0; j < n; j++)
        {
            max = Math.Max(max, s[At(j)]);
        }
        double sum = 0;
        for (var j = 0; j < n; j++)
        {
            sum += Math.Exp(s[At(j)] - max);
        }
        for (var j = 0; j < n; j++)
        {
            ds[At(j)] += (Math.Exp(s[At(j)] - max) / sum) - (j == i ? 1 : 0);
        }
        return -(s[At(i)] - max - Math.Log(sum));
    }

    /// <summary>x (M, C) minus its mean over the M rows, in double.</summary>
    public static double[] Centre(ReadOnlySpan<float> x, int m, int c)
    {
        var centred = new double[m * c];
        for (var k = 0; k < c; k++)
        {
            double mean = 0;
            for (var i = 0; i < m; i++)
            {
                mean += x[(i * c) + k];
            }
            mean /= m;
            for (var i = 0; i < m; i++)
            {
                centred[(i * c) + k] = x[(i * c) + k] - mean;
            }
        }
        return centred;
    }

    /// <summary>
    /// Row i of dL/dx from g = dL/d unit_i through the normalisation unit_i = x_i / |x_i|:
    /// (g - unit_i (unit_i . g)) / |x_i|, written to row i of <paramref name="dx"/> (M, C).
    /// </summary>
    internal static void UnitBackward(double[] g, double[] unit, double[] norm, int i, int c, double[] dx)
    {
        double along = 0;
        for (var k = 0; k < c; k++)
        {
            along += g[k] * unit[(i * c) + k];
        }
        for (var k = 0; k < c; k++)
        {
            dx[(i * c) + k] = (g[k] - (unit[(i * c) + k] * along)) / norm[i];
        }
    }

    /// <summary>Through <see cref="Centre"/>: dx_i += weight * (dc_i - mean_j dc_j) for the M rows of dCentred (M, C).</summary>
    internal static void AddCentreBackward(double[] dCentred, Span<float> dx, int m, int c, double weight)
    {
        for (var k = 0; k < c; k++)
        {
            double mean = 0;
            for (var i = 0; i < m; i++)
            {
                mean += dCentred[(i * c) + k];
            }
            mean /= m;
            for (var i = 0; i < m; i++)
            {
                dx[(i * c) + k] += (float)(weight * (dCentred[(i * c) + k] - mean));
            }
        }
    }

    /// <summary>Each row of x (M, C) over its L2 norm (at least 1e-8), and the norms.</summary>
    internal static (double[] Unit, double[] Norm) Normalize(double[] x, int m, int c)
    {
        var unit = new double[m * c];
        var norm = new double[m];
        for (var i = 0; i < m; i++)
        {
            double sq = 0;
            for (var k = 0; k < c; k++)
            {
                sq += (double)x[(i * c) + k] * x[(i * c) + k];
            }
            norm[i] = Math.Max(Math.Sqrt(sq), 1e-8);
            for (var k = 0; k < c; k++)
            {
                unit[(i * c) + k] = x[(i * c) + k] / norm[i];
            }
        }
        return (unit, norm);
    }
}
