using Autonet.Tensors.Blas;

namespace Autonet.Node.Diagnostics;

/// <summary>The doctor's OpenBLAS check: did cblas_sgemm load, and how many GFLOP/s does a 1024³ product reach here.</summary>
internal static class BlasCheck
{
    public static DoctorCheck Run()
    {
        if (!Gemm.IsNative)
        {
            return DoctorCheck.Fail("openblas", Gemm.Describe() + "; training falls back to the much slower managed kernel", "apt-get install libopenblas0-pthread");
        }

        var gflops = Gemm.MeasureGflops(1024);
        return DoctorCheck.Pass("openblas", $"{Gemm.Describe()}: sgemm 1024³ at {gflops:0} GFLOP/s");
    }
}
