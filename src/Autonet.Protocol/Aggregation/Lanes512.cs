using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Autonet.Protocol.Aggregation;

/// <summary>Vector512: 16 floats, 8 doubles (AVX-512; chosen only where Vector512 is hardware accelerated).</summary>
internal readonly struct Lanes512 : ILanes<Vector512<float>, Vector512<double>>
{
    public static int Count => Vector512<float>.Count;

    public static Vector512<float> Load(ref float source, int index) => Vector512.LoadUnsafe(ref Unsafe.Add(ref source, index));

    public static void Store(Vector512<float> value, ref float destination, int index) => value.StoreUnsafe(ref Unsafe.Add(ref destination, index));

    public static Vector512<double> LoadDouble(ref double source, int index) => Vector512.LoadUnsafe(ref Unsafe.Add(ref source, index));

    public static void StoreDouble(Vector512<double> value, ref double destination, int index) => value.StoreUnsafe(ref Unsafe.Add(ref destination, index));

    public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

    public static Vector512<double> Broadcast(double value) => Vector512.Create(value);

    // vcvtps2pd zmm, [mem] converts straight from memory: one instruction per 8 floats instead of load, extract, convert.
    public static (Vector512<double> Lower, Vector512<double> Upper) LoadWidened(ref float source, int index) => Avx512F.IsSupported
        ? (Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref Unsafe.Add(ref source, index))), Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref Unsafe.Add(ref source, unchecked(index + 8)))))
        : Vector512.Widen(Load(ref source, index));

    public static (Vector512<double> Lower, Vector512<double> Upper) Widen(Vector512<float> value) => Vector512.Widen(value);

    public static Vector512<float> Narrow(Vector512<double> lower, Vector512<double> upper) => Vector512.Narrow(lower, upper);

    public static Vector512<float> Scale(Vector512<float> x, Vector512<float> y) => x * y;

    public static Vector512<double> Add(Vector512<double> x, Vector512<double> y) => x + y;

    public static Vector512<double> Subtract(Vector512<double> x, Vector512<double> y) => x - y;

    public static Vector512<double> Multiply(Vector512<double> x, Vector512<double> y) => x * y;

    public static Vector512<double> AddSquareExact(Vector512<double> sum, Vector512<double> x) => Fma.IsSupported ? Vector512.FusedMultiplyAdd(x, x, sum) : sum + (x * x);

    public static Vector512<double> Divide(Vector512<double> x, Vector512<double> y) => x / y;

    public static Vector512<float> Min(Vector512<float> left, Vector512<float> right) => Vector512.MinNative(left, right);

    public static Vector512<float> Max(Vector512<float> left, Vector512<float> right) => Vector512.MaxNative(left, right);
}
