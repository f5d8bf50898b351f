using System.Runtime.InteropServices;
using Autonet.Node.Diagnostics;

namespace Autonet.Cli;

/// <summary>The doctor's OpenBLAS check. Replaced by Autonet.Tensors' own probe (load + GFLOP/s) once that project lands.</summary>
internal static class BlasCheck
{
    public static DoctorCheck Run()
    {
        if (NativeLibrary.TryLoad("libopenblas.so.0", out var handle))
        {
            NativeLibrary.Free(handle);
            return DoctorCheck.Pass("openblas", "libopenblas.so.0 loaded");
        }

        return DoctorCheck.Fail("openblas", "libopenblas.so.0 not found", "apt-get install libopenblas0-pthread");
    }
}
