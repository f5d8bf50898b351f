namespace Autonet.Tensors.Tests;

/// <summary>
/// Test oracles: random data, closeness with stated tolerances, and central finite differences.
/// Gradient checks use loss = sum(out * w) for fixed random w, step h = 1e-2 in float32, and accept
/// |analytic - numeric| &lt;= 3e-3 + 3e-2 * |numeric| (float32 rounding of the loss over 2h dominates).
/// </summary>
internal static class Check
{
    public static float[] Random(int n, int seed, float scale = 1f)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2) - 1) * scale)];
    }

    public static Tensor RandomTensor(int seed, params int[] shape)
    {
        var t = Tensor.Zeros(shape);
        Random(t.Length, seed).CopyTo(t.Span);
        return t;
    }

    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float atol = 1e-5f, float rtol = 1e-4f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var tol = atol + (rtol * MathF.Abs(expected[i]));
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= tol, $"index {i}: expected {expected[i]}, got {actual[i]} (tol {tol})");
        }
    }

    /// <summary>Weighted sum of the output, in double.</summary>
    public static double Dot(ReadOnlySpan<float> output, ReadOnlySpan<float> weights)
    {
        double s = 0;
        for (var i = 0; i < output.Length; i++)
        {
            s += (double)output[i] * weights[i];
        }
        return s;
    }

    /// <summary>Compares analytic gradients of loss() w.r.t. x with central differences at up to 24 sampled indices.</summary>
    public static void Gradient(Span<float> x, ReadOnlySpan<float> analytic, Func<double> loss, int seed = 7, float h = 1e-2f)
    {
        var rng = new Random(seed);
        var count = Math.Min(24, x.Length);
        for (var s = 0; s < count; s++)
        {
            var i = x.Length <= 24 ? s : rng.Next(x.Length);
            var old = x[i];
            x[i] = old + h;
            var up = loss();
            x[i] = old - h;
            var down = loss();
            x[i] = old;
            var numeric = (float)((up - down) / (2 * h));
            var tol = 3e-3f + (3e-2f * MathF.Abs(numeric));
            Assert.True(MathF.Abs(numeric - analytic[i]) <= tol, $"index {i}: numeric {numeric}, analytic {analytic[i]} (tol {tol})");
        }
    }
}
