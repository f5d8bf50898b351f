using System.Runtime.Intrinsics;

namespace Autonet.Storage.Erasure;

/// <summary>The kernels this build knows, and the fastest one this CPU supports.</summary>
public static class GaloisKernels
{
    /// <summary>The reference kernel (always supported).</summary>
    public static GaloisKernel Naive { get; } = new NaiveKernel();

    /// <summary>
    /// Every kernel, slowest first, supported or not: the naive oracle, then one vector loop over three instruction
    /// sets (AVX2 split-nibble shuffles, GFNI affine at 256 and at 512 bits).
    /// </summary>
    public static IReadOnlyList<GaloisKernel> All { get; } =
    [
        Naive,
        new VectorKernel<NibbleLanes, Vector256<byte>>("avx2-nibble"),
        new VectorKernel<GfniLanes.V256, Vector256<byte>>("gfni-256"),
        new VectorKernel<GfniLanes.V512, Vector512<byte>>("gfni-512"),
    ];

    /// <summary>The kernels this CPU can run, slowest first.</summary>
    public static IReadOnlyList<GaloisKernel> Supported { get; } = [.. All.Where(kernel => kernel.IsSupported)];

    /// <summary>The fastest supported kernel: GFNI-512, then GFNI-256, then AVX2, then naive.</summary>
    public static GaloisKernel Best { get; } = Supported[^1];
}
