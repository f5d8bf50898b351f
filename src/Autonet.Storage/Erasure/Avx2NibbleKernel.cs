using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Autonet.Storage.Erasure;

/// <summary>
/// Split-nibble table multiply with AVX2 byte shuffles (the technique of Plank, Greenan and Miller,
/// "Screaming Fast Galois Field Arithmetic Using Intel SIMD Instructions", FAST 2013): c * x =
/// T_lo[x &amp; 15] ^ T_hi[x &gt;&gt; 4], each table 16 bytes, looked up 32 bytes at a time with vpshufb.
/// Four output rows accumulate in registers while the inputs stream past once.
/// </summary>
public sealed class Avx2NibbleKernel : GaloisKernel
{
    // Bytes per block: the inputs of one block stay in L1/L2 while each group of 4 outputs passes over them.
    private const int BlockBytes = 4096;

    /// <inheritdoc/>
    public override string Name => "avx2-nibble";

    /// <inheritdoc/>
    public override bool IsSupported => Avx2.IsSupported;

    internal override void Multiply(ReadOnlySpan<byte> matrix, byte[][] inputs, byte[][] outputs, int length)
    {
        if (!IsSupported)
        {
            Errors.KernelUnsupported(Name);
        }

        var tables = BuildTables(matrix);
        var vectorEnd = length - (length % Vector256<byte>.Count);
        for (var start = 0; start < vectorEnd; start += BlockBytes)
        {
            var end = Math.Min(start + BlockBytes, vectorEnd);
            var r = 0;
            for (; r + 4 <= outputs.Length; r += 4)
            {
                Group4(tables, inputs, outputs, r, start, end);
            }

            for (; r < outputs.Length; r++)
            {
                Group1(tables, inputs, outputs, r, start, end);
            }
        }

        MultiplyScalar(matrix, inputs, outputs, vectorEnd, length);
    }

    /// <summary>For each coefficient, its low-nibble and high-nibble product tables, repeated in both 128-bit lanes.</summary>
    private static Vector256<byte>[] BuildTables(ReadOnlySpan<byte> matrix)
    {
        var tables = new Vector256<byte>[matrix.Length * 2];
        Span<byte> low = stackalloc byte[32];
        Span<byte> high = stackalloc byte[32];
        for (var i = 0; i < matrix.Length; i++)
        {
            for (var n = 0; n < 16; n++)
            {
                low[n] = low[n + 16] = GaloisField.Mul(matrix[i], (byte)n);
                high[n] = high[n + 16] = GaloisField.Mul(matrix[i], (byte)(n << 4));
            }

            tables[2 * i] = Vector256.Create<byte>(low);
            tables[(2 * i) + 1] = Vector256.Create<byte>(high);
        }

        return tables;
    }

    // Low and high nibble product tables of one coefficient, looked up with vpshufb (in-lane, 16 entries).
    private static Vector256<byte> Product(ref Vector256<byte> tables, int column, Vector256<byte> low, Vector256<byte> high) =>
        Avx2.Shuffle(Unsafe.Add(ref tables, 2 * column), low) ^ Avx2.Shuffle(Unsafe.Add(ref tables, (2 * column) + 1), high);

    // unchecked: pos < end <= length <= int.MaxValue and table indices < 2 * 256 * 256, so nothing can overflow.
    private static void Group4(Vector256<byte>[] tableArray, byte[][] inputs, byte[][] outputs, int r, int start, int end)
    {
        unchecked
        {
            var columns = inputs.Length;
            var mask = Vector256.Create((byte)0x0F);
            ref var tables0 = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(tableArray), 2 * r * columns);
            ref var tables1 = ref Unsafe.Add(ref tables0, 2 * columns);
            ref var tables2 = ref Unsafe.Add(ref tables1, 2 * columns);
            ref var tables3 = ref Unsafe.Add(ref tables2, 2 * columns);
            ref var out0 = ref MemoryMarshal.GetArrayDataReference(outputs[r]);
            ref var out1 = ref MemoryMarshal.GetArrayDataReference(outputs[r + 1]);
            ref var out2 = ref MemoryMarshal.GetArrayDataReference(outputs[r + 2]);
            ref var out3 = ref MemoryMarshal.GetArrayDataReference(outputs[r + 3]);
            for (var pos = (nuint)start; pos < (nuint)end; pos += (nuint)Vector256<byte>.Count)
            {
                Vector256<byte> acc0 = default, acc1 = default, acc2 = default, acc3 = default;
                for (var c = 0; c < columns; c++)
                {
                    var value = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(inputs[c]), pos);
                    var low = value & mask;
                    var high = Vector256.ShiftRightLogical(value.AsUInt16(), 4).AsByte() & mask;
                    acc0 ^= Product(ref tables0, c, low, high);
                    acc1 ^= Product(ref tables1, c, low, high);
                    acc2 ^= Product(ref tables2, c, low, high);
                    acc3 ^= Product(ref tables3, c, low, high);
                }

                acc0.StoreUnsafe(ref out0, pos);
                acc1.StoreUnsafe(ref out1, pos);
                acc2.StoreUnsafe(ref out2, pos);
                acc3.StoreUnsafe(ref out3, pos);
            }
        }
    }

    private static void Group1(Vector256<byte>[] tableArray, byte[][] inputs, byte[][] outputs, int r, int start, int end)
    {
        unchecked
        {
            var columns = inputs.Length;
            var mask = Vector256.Create((byte)0x0F);
            ref var tables = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(tableArray), 2 * r * columns);
            ref var out0 = ref MemoryMarshal.GetArrayDataReference(outputs[r]);
            for (var pos = (nuint)start; pos < (nuint)end; pos += (nuint)Vector256<byte>.Count)
            {
                Vector256<byte> acc0 = default;
                for (var c = 0; c < columns; c++)
                {
                    var value = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(inputs[c]), pos);
                    var low = value & mask;
                    var high = Vector256.ShiftRightLogical(value.AsUInt16(), 4).AsByte() & mask;
                    acc0 ^= Product(ref tables, c, low, high);
                }

                acc0.StoreUnsafe(ref out0, pos);
            }
        }
    }
}
