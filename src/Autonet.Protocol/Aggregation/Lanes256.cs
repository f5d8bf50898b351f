using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Autonet.Protocol.Aggregation;

/// <summary>Vector256: 8 floats, 4 doubles (AVX2; emulated with the same results where it is missing).</summary>
internal readonly struct Lanes256 : ILanes<Vector256<float>, Vector256<double>>
{
    public static int Count => Vector256<float>.Count;

    public static Vector256<float> Load(ref float source, int index) => Vector256.LoadUnsafe(ref Unsafe.Add(ref source, index));

    public static void Store(Vector256<float> value, ref float destination, int index) => value.StoreUnsafe(ref Unsafe.Add(ref destination, index));

    public static Vector256<double> LoadDouble(ref double source, int index) => Vector256.LoadUnsafe(ref Unsafe.Add(ref source, index));

    public static void StoreDouble(Vector256<double> value, ref double destination, int index) => value.StoreUnsafe(ref Unsafe.Add(ref destination, index));

    public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

    public static Vector256<double> Broadcast(double value) => Vector256.Create(value);

    // vcvtps2pd ymm, [mem] converts straight from memory: one instruction per 4 floats instead of load, extract, convert.
    public static (Vector256<double> Lower, Vector256<double> Upper) LoadWidened(ref float source, int index) => Avx.IsSupported
        ? (Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref Unsafe.Add(ref source, index))), Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref Unsafe.Add(ref source, unchecked(index + 4)))))
        : Vector256.Widen(Load(ref source, index));

    public static (Vector256<double> Lower, Vector256<double> Upper) Widen(Vector256<float> value) => Vector256.Widen(value);

    public static Vector256<float> Narrow(Vector256<double> lower, Vector256<double> upper) => Vector256.Narrow(lower, upper);

    public static Vector256<float> Scale(Vector256<float> x, Vector256<float> y) => x * y;

    public static Vector256<double> Add(Vector256<double> x, Vector256<double> y) => x + y;

    public static Vector256<double> Subtract(Vector256<double> x, Vector256<double> y) => x - y;

    public static Vector256<double> Multiply(Vector256<double> x, Vector256<double> y) => x * y;

    public static Vector256<double> AddSquareExact(Vector256<double> sum, Vector256<double> x) => Fma.IsSupported ? Vector256.FusedMultiplyAdd(x, x, sum) : sum + (x * x);

    public static Vector256<double> Divide(Vector256<double> x, Vector256<double> y) => x / y;

    public static Vector256<float> Min(Vector256<float> left, Vector256<float> right) => Vector256.MinNative(left, right);

    public static Vector256<float> Max(Vector256<float> left, Vector256<float> right) => Vector256.MaxNative(left, right);
}
