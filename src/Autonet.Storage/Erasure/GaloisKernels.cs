namespace Autonet.Storage.Erasure;

/// <summary>The kernels this build knows, and the fastest one this CPU supports.</summary>
public static class GaloisKernels
{
    /// <summary>The reference kernel (always supported).</summary>
    public static GaloisKernel Naive { get; } = new NaiveKernel();

    /// <summary>Every kernel, slowest first, supported or not.</summary>
    public static IReadOnlyList<GaloisKernel> All { get; } =
        [Naive, new Avx2NibbleKernel(), new Gfni256Kernel(), new Gfni512Kernel()];

    /// <summary>The kernels this CPU can run, slowest first.</summary>
    public static IReadOnlyList<GaloisKernel> Supported { get; } = [.. All.Where(kernel => kernel.IsSupported)];

    /// <summary>The fastest supported kernel: GFNI-512, then GFNI-256, then AVX2, then naive.</summary>
    public static GaloisKernel Best { get; } = Supported[^1];
}
