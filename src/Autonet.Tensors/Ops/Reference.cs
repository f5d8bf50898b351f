namespace Autonet.Tensors.Ops;

/// <summary>
/// Naive forward references, written as the formulas read with plain loops and double accumulation, with no
/// TensorPrimitives or BLAS. They are the test oracles for the fast ops (arrays in, arrays out, row-major).
/// Legend as in each op: N rows, C channels, B batch, T tokens, H heads, D head dim.
/// </summary>
public static class Reference
{
    public static float[] Linear(float[] x, float[] w, float[]? b, int n, int i, int o)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(w);
        var y = new float[n * o];
        for (var r = 0; r < n; r++)
        {
            for (var j = 0; j < o; j++)
            {
                double s = b?[j] ?? 0;
                for (var p = 0; p < i; p++)
                {
                    s += (double)x[(r * i) + p] * w[(j * i) + p];
                }
                y[(r * o) + j] = (float)s;
            }
        }
        return y;
    }

    public static float[] LayerNorm(float[] x, float[] gamma, float[] beta, int c)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gamma);
        ArgumentNullException.ThrowIfNull(beta);
        var y = new float[x.Length];
        for (var r = 0; r < x.Length / c; r++)
        {
            double m = 0, v = 0;
            for (var j = 0; j < c; j++)
            {
                m += x[(r * c) + j];
            }
            m /= c;
            for (var j = 0; j < c; j++)
            {
                v += (x[(r * c) + j] - m) * (x[(r * c) + j] - m);
            }
            var rs = 1 / Math.Sqrt((v / c) + Ops.LayerNorm.Eps);
            for (var j = 0; j < c; j++)
            {
                y[(r * c) + j] = (float)(((x[(r * c) + j] - m) * rs * gamma[j]) + beta[j]);
            }
        }
        return y;
    }

    public static float[] Gelu(float[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return [.. x.Select(v => (float)(0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + (0.044715 * v * v * v))))))];
    }

    public static float[] Softmax(float[] x, int c)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = new float[x.Length];
        for (var r = 0; r < x.Length / c; r++)
        {
            var max = double.NegativeInfinity;
            for (var j = 0; j < c; j++)
            {
                max = Math.Max(max, x[(r * c) + j]);
            }
            double sum = 0;
            for (var j = 0; j < c; j++)
            {
                sum += Math.Exp(x[(r * c) + j] - max);
            }
            for (var j = 0; j < c; j++)
            {
                y[(r * c) + j] = (float)(Math.Exp(x[(r * c) + j] - max) / sum);
            }
        }
        return y;
    }

    /// <summary>q (B, Tq, C), k and v (B, Tk, C) unpacked; returns (B, Tq, C).</summary>
    public static float[] Attention(float[] q, float[] k, float[] v, int b, int tq, int tk, int c, int h)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(k);
        ArgumentNullException.ThrowIfNull(v);
        var d = c / h;
        var o = new float[b * tq * c];
        var s = new double[tk];
        for (var bi = 0; bi < b; bi++)
        {
            for (var hi = 0; hi < h; hi++)
            {
                for (var i = 0; i < tq; i++)
                {
                    for (var j = 0; j < tk; j++)
                    {
                        double dot = 0;
                        for (var e = 0; e < d; e++)
                        {
                            dot += (double)q[(((bi * tq) + i) * c) + (hi * d) + e] * k[(((bi * tk) + j) * c) + (hi * d) + e];
                        }
                        s[j] = dot / Math.Sqrt(d);
                    }
                    var max = s.Max();
                    var sum = s.Sum(x => Math.Exp(x - max));
                    for (var e = 0; e < d; e++)
                    {
                        double acc = 0;
                        for (var j = 0; j < tk; j++)
                        {
                            acc += Math.Exp(s[j] - max) / sum * v[(((bi * tk) + j) * c) + (hi * d) + e];
                        }
                        o[(((bi * tq) + i) * c) + (hi * d) + e] = (float)acc;
                    }
                }
            }
        }
        return o;
    }

    public static float[] MeanPool(float[] x, int b, int t, int c)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = new float[b * c];
        for (var bi = 0; bi < b; bi++)
        {
            for (var j = 0; j < c; j++)
            {
                double s = 0;
                for (var ti = 0; ti < t; ti++)
                {
                    s += x[(((bi * t) + ti) * c) + j];
                }
                y[(bi * c) + j] = (float)(s / t);
            }
        }
        return y;
    }

    public static float[] Cosine(float[] a, float[] b, int c)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var y = new float[a.Length / c];
        for (var r = 0; r < y.Length; r++)
        {
            double dot = 0, na = 0, nb = 0;
            for (var j = 0; j < c; j++)
            {
                dot += (double)a[(r * c) + j] * b[(r * c) + j];
                na += (double)a[(r * c) + j] * a[(r * c) + j];
                nb += (double)b[(r * c) + j] * b[(r * c) + j];
            }
            y[r] = (float)(dot / (Math.Max(Math.Sqrt(na), Ops.Cosine.Eps) * Math.Max(Math.Sqrt(nb), Ops.Cosine.Eps)));
        }
        return y;
    }

    public static double CrossEntropy(float[] logits, int[] targets, int v)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        double sum = 0;
        for (var r = 0; r < targets.Length; r++)
        {
            var row = logits.AsSpan(r * v, v).ToArray();
            var max = row.Max();
            var lse = max + Math.Log(row.Sum(z => Math.Exp(z - max)));
            sum += lse - row[targets[r]];
        }
        return sum / targets.Length;
    }
}
