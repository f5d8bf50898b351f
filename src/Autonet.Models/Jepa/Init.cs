using Autonet.Core.Randomness;

namespace Autonet.Models.Jepa;

/// <summary>Seeded re-initialisation of parameter values (the engine's arena offers Xavier and 0.02 only).</summary>
internal static class Init
{
    /// <summary>Fills dst with Normal(0, std) from a seeded generator (Box-Muller inside SeededRandom).</summary>
    public static void Gaussian(Span<float> dst, float std, SeededRandom random)
    {
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] = (float)(std * random.NextGaussian());
        }
    }
}
