using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Autonet.Storage.Erasure;

/// <summary>
/// GF(2^8) matrix multiply with GF2P8AFFINEQB on 256-bit (AVX2 + GFNI) vectors: one instruction multiplies
/// 256/8 bytes by a constant (see <see cref="GfniAffine"/>). Four output rows accumulate in registers
/// while each input vector is loaded once. Falls back to nothing: callers pick a supported kernel.
/// </summary>
public sealed class Gfni256Kernel : GaloisKernel
{
    // Bytes per block: the inputs of one block stay in L1/L2 while each group of 4 outputs passes over them.
    private const int BlockBytes = 8192;

    /// <inheritdoc/>
    public override string Name => "gfni-256";

    /// <inheritdoc/>
    public override bool IsSupported => Gfni.V256.IsSupported;

    internal override void Multiply(ReadOnlySpan<byte> matrix, byte[][] inputs, byte[][] outputs, int length)
    {
        if (!IsSupported)
        {
            Errors.KernelUnsupported(Name);
        }

        var affine = new Vector256<byte>[matrix.Length];
        for (var i = 0; i < matrix.Length; i++)
        {
            affine[i] = Vector256.Create(GfniAffine.Matrix(matrix[i])).AsByte();
        }

        var vectorEnd = length - (length % Vector256<byte>.Count);
        for (var start = 0; start < vectorEnd; start += BlockBytes)
        {
            var end = Math.Min(start + BlockBytes, vectorEnd);
            var r = 0;
            for (; r + 4 <= outputs.Length; r += 4)
            {
                Group4(affine, inputs, outputs, r, start, end);
            }

            for (; r < outputs.Length; r++)
            {
                Group1(affine, inputs, outputs, r, start, end);
            }
        }

        MultiplyScalar(matrix, inputs, outputs, vectorEnd, length);
    }

    private static Vector256<byte> Product(ref Vector256<byte> affine, int index, Vector256<byte> value) =>
        Gfni.V256.GaloisFieldAffineTransform(value, Unsafe.Add(ref affine, index), 0);

    private static void Group4(Vector256<byte>[] affineArray, byte[][] inputs, byte[][] outputs, int r, int start, int end)
    {
        var columns = inputs.Length;
        ref var affine = ref MemoryMarshal.GetArrayDataReference(affineArray);
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
                acc0 ^= Product(ref affine, (r * columns) + c, value);
                acc1 ^= Product(ref affine, ((r + 1) * columns) + c, value);
                acc2 ^= Product(ref affine, ((r + 2) * columns) + c, value);
                acc3 ^= Product(ref affine, ((r + 3) * columns) + c, value);
            }

            acc0.StoreUnsafe(ref out0, pos);
            acc1.StoreUnsafe(ref out1, pos);
            acc2.StoreUnsafe(ref out2, pos);
            acc3.StoreUnsafe(ref out3, pos);
        }
    }

    private static void Group1(Vector256<byte>[] affineArray, byte[][] inputs, byte[][] outputs, int r, int start, int end)
    {
        var columns = inputs.Length;
        ref var affine = ref MemoryMarshal.GetArrayDataReference(affineArray);
        ref var out0 = ref MemoryMarshal.GetArrayDataReference(outputs[r]);
        for (var pos = (nuint)start; pos < (nuint)end; pos += (nuint)Vector256<byte>.Count)
        {
            Vector256<byte> acc0 = default;
            for (var c = 0; c < columns; c++)
            {
                var value = Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(inputs[c]), pos);
                acc0 ^= Product(ref affine, (r * columns) + c, value);
            }

            acc0.StoreUnsafe(ref out0, pos);
        }
    }
}
