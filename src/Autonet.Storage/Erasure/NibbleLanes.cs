using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Autonet.Storage.Erasure;

/// <summary>
/// Split-nibble table multiply with AVX2 byte shuffles (Plank, Greenan and Miller, "Screaming Fast Galois Field
/// Arithmetic Using Intel SIMD Instructions", FAST 2013): c * x = T_lo[x &amp; 15] ^ T_hi[x &gt;&gt; 4], each table
/// 16 bytes repeated in both 128-bit lanes, looked up 32 bytes at a time with vpshufb. For CPUs without GFNI.
/// </summary>
internal readonly struct NibbleLanes : IGaloisLanes<Vector256<byte>>
{
    private static readonly Vector256<byte>[] Masks = [Vector256.Create((byte)0x0F)];

    public static bool IsSupported => Avx2.IsSupported;

    public static int Count => Vector256<byte>.Count;

    public static int TableVectors => 2;

    /// <summary>0x0F in every byte: the nibble mask.</summary>
    public static Vector256<byte> LoopConstant => Masks[0];

    public static void BuildTables(byte coefficient, Span<Vector256<byte>> destination)
    {
        var products = GaloisField.ProductRow(coefficient);
        Span<byte> low = stackalloc byte[32];
        Span<byte> high = stackalloc byte[32];
        for (var n = 0; n < 16; n++)
        {
            low[n] = low[n + 16] = products[n];
            high[n] = high[n + 16] = products[n << 4];
        }

        destination[0] = Vector256.Create<byte>(low);
        destination[1] = Vector256.Create<byte>(high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Load(ref byte source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<byte> value, ref byte destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> MultiplyAdd(Vector256<byte> sum, Vector256<byte> x, ref Vector256<byte> tables, Vector256<byte> constant)
    {
        // The nibble split of x is the same for every coefficient; after inlining the JIT computes it once per input vector.
        var mask = constant;
        var low = Avx2.Shuffle(tables, x & mask);
        var high = Avx2.Shuffle(Unsafe.Add(ref tables, 1), Vector256.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & mask);
        return Avx512F.VL.IsSupported ? Avx512F.VL.TernaryLogic(sum, low, high, 0x96) : sum ^ low ^ high;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> MultiplyAdd(Vector256<byte> sum, Vector256<byte> x, ref Vector256<byte> xTables, Vector256<byte> y, ref Vector256<byte> yTables, Vector256<byte> constant) =>
        MultiplyAdd(MultiplyAdd(sum, x, ref xTables, constant), y, ref yTables, constant);
}
