using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Autonet.Storage.Erasure;

/// <summary>
/// GF2P8AFFINEQB lanes at two widths: one instruction multiplies a whole vector of bytes by a constant through
/// the 8 x 8 bit matrix of <see cref="GfniAffine"/> (GF2P8MULB is fixed to the AES polynomial, so it cannot).
/// The widths differ only in the vector type; the loop around them is <see cref="VectorKernel{TLanes, TVector}"/>.
/// </summary>
internal static class GfniLanes
{
    /// <summary>256-bit vectors (AVX2 + GFNI; ternary-logic XOR when AVX-512VL is there too).</summary>
    public readonly struct V256 : IGaloisLanes<Vector256<byte>>
    {
        public static bool IsSupported => Gfni.V256.IsSupported;

        public static int Count => Vector256<byte>.Count;

        public static int TableVectors => 1;

        public static Vector256<byte> LoopConstant => default;

        public static void BuildTables(byte coefficient, Span<Vector256<byte>> destination) =>
            destination[0] = Vector256.Create(GfniAffine.Matrix(coefficient)).AsByte();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<byte> Load(ref byte source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector256<byte> value, ref byte destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<byte> MultiplyAdd(Vector256<byte> sum, Vector256<byte> x, ref Vector256<byte> tables, Vector256<byte> constant) => sum ^ Affine(x, ref tables);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<byte> MultiplyAdd(Vector256<byte> sum, Vector256<byte> x, ref Vector256<byte> xTables, Vector256<byte> y, ref Vector256<byte> yTables, Vector256<byte> constant) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(sum, Affine(x, ref xTables), Affine(y, ref yTables), 0x96) : sum ^ Affine(x, ref xTables) ^ Affine(y, ref yTables);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<byte> Affine(Vector256<byte> x, ref Vector256<byte> matrix) =>
            Gfni.V256.GaloisFieldAffineTransform(x, Vector256.Create(Unsafe.As<Vector256<byte>, ulong>(ref matrix)).AsByte(), 0);
    }

    /// <summary>512-bit vectors (AVX-512 + GFNI).</summary>
    public readonly struct V512 : IGaloisLanes<Vector512<byte>>
    {
        public static bool IsSupported => Gfni.V512.IsSupported;

        public static int Count => Vector512<byte>.Count;

        public static int TableVectors => 1;

        public static Vector512<byte> LoopConstant => default;

        public static void BuildTables(byte coefficient, Span<Vector512<byte>> destination) =>
            destination[0] = Vector512.Create(GfniAffine.Matrix(coefficient)).AsByte();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<byte> Load(ref byte source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector512<byte> value, ref byte destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<byte> MultiplyAdd(Vector512<byte> sum, Vector512<byte> x, ref Vector512<byte> tables, Vector512<byte> constant) => sum ^ Affine(x, ref tables);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<byte> MultiplyAdd(Vector512<byte> sum, Vector512<byte> x, ref Vector512<byte> xTables, Vector512<byte> y, ref Vector512<byte> yTables, Vector512<byte> constant) =>
            Avx512F.TernaryLogic(sum, Affine(x, ref xTables), Affine(y, ref yTables), 0x96);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<byte> Affine(Vector512<byte> x, ref Vector512<byte> matrix) =>
            Gfni.V512.GaloisFieldAffineTransform(x, Vector512.Create(Unsafe.As<Vector512<byte>, ulong>(ref matrix)).AsByte(), 0);
    }
}
