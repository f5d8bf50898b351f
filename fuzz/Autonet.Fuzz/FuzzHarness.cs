using System.Globalization;

namespace Autonet.Fuzz;

/// <summary>
/// Runs a target on one input under the allocation contract of issue 15: at most <see cref="BytesPerInputByte"/>
/// bytes allocated per input byte plus <see cref="ConstantBytes"/> (the safetensors reader's first 1 MiB buffer,
/// JSON parsing, secp256k1 recovery). Measured with GC.GetAllocatedBytesForCurrentThread, so the decoders must not
/// allocate on other threads (none does).
/// </summary>
internal static class FuzzHarness
{
    public const long BytesPerInputByte = 64;

    public const long ConstantBytes = 4 << 20;

    /// <summary>Runs the target and returns the bytes it allocated.</summary>
    /// <exception cref="AllocationContractException">It allocated more than the contract allows.</exception>
    public static long Execute(FuzzTarget target, byte[] input)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        target.Run(input);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > (BytesPerInputByte * input.Length) + ConstantBytes)
        {
            throw new AllocationContractException(string.Create(CultureInfo.InvariantCulture,
                $"{target.Name}: {allocated} bytes allocated for a {input.Length}-byte input, more than {BytesPerInputByte} per byte + {ConstantBytes}"));
        }
        return allocated;
    }

    /// <summary>Warms up statics and the JIT, so the first measured input is not charged for them.</summary>
    public static void WarmUp(FuzzTarget target)
    {
        foreach (var seed in target.Seeds())
        {
            target.Run(seed);
        }
        target.Run([]);
    }
}
