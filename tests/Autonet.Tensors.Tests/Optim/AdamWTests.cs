using Autonet.Tensors.Memory;
using Autonet.Tensors.Optim;

namespace Autonet.Tensors.Tests.Optim;

public class AdamWTests
{
    [Fact]
    public void Update_TwoSteps_MatchesTorchFormula()
    {
        var arena = new ParameterArena();
        var w = arena.Add("w", [2], Init.Ones, decay: true);
        var b = arena.Add("b", [1], Init.Ones);
        var opt = new AdamW(arena, 0.9f, 0.999f, 1e-8f, weightDecay: 0.1f);
        float[] grads = [0.5f, -2f, 0.25f];
        double[] expected = [1, 1, 1], m = new double[3], v = new double[3];
        for (var step = 1; step <= 2; step++)
        {
            grads.CopyTo(arena.Grads, 0);
            opt.Update(0.01f);
            for (var i = 0; i < 3; i++)
            {
                // torch.optim.AdamW: p *= 1 - lr*wd; m, v EMAs; p -= lr * mhat / (sqrt(vhat) + eps)
                expected[i] *= i < 2 ? 1 - (0.01 * 0.1) : 1;
                m[i] = (0.9 * m[i]) + (0.1 * grads[i]);
                v[i] = (0.999 * v[i]) + (0.001 * grads[i] * grads[i]);
                var mhat = m[i] / (1 - Math.Pow(0.9, step));
                var vhat = v[i] / (1 - Math.Pow(0.999, step));
                expected[i] -= 0.01 * mhat / (Math.Sqrt(vhat) + 1e-8);
            }
        }
        Check.Close([.. expected.Select(x => (float)x)], [w.Value[0], w.Value[1], b.Value[0]], 1e-6f, 1e-6f);
    }

    [Fact]
    public void ClipByGlobalNorm_LargeGrads_ScalesToMaxNorm()
    {
        var arena = new ParameterArena();
        arena.Add("a", [2], Init.Zeros);
        float[] g = [3, 4];
        g.CopyTo(arena.Grads, 0);
        var norm = GradClip.ClipByGlobalNorm(arena, 1f);
        Assert.Equal(5, norm, 6);
        Check.Close([0.6f, 0.8f], arena.Grads, 1e-6f, 0);
    }

    [Fact]
    public void LrSchedule_WarmupThenCosine_HitsEndpoints()
    {
        var s = new LrSchedule(1f, 10, 110, 0.1f);
        Assert.Equal(0.1f, s.At(0), 6);
        Assert.Equal(1f, s.At(9), 6);
        Assert.Equal(0.55f, s.At(60), 5); // halfway through the cosine
        Assert.Equal(0.1f, s.At(500), 6);
        Assert.Throws<ArgumentOutOfRangeException>("warmupSteps", () => new LrSchedule(1f, 20, 10));
    }

    [Fact]
    public void Ema_Update_MixesArenasWithMomentum()
    {
        var (target, online) = (new ParameterArena(1), new ParameterArena(2));
        target.Add("w", [3], Init.Ones);
        online.Add("w", [3], Init.Zeros);
        Ema.Update(target, online, 0.9f);
        Check.Close([0.9f, 0.9f, 0.9f], target.Values, 1e-6f, 0);
        var other = new ParameterArena();
        other.Add("v", [3], Init.Zeros);
        var e = Assert.Throws<ArgumentException>(() => Ema.Update(target, other, 0.9f));
        Assert.Contains("layouts differ at index 0: w(3) vs v(3)", e.Message, StringComparison.Ordinal);
    }
}
