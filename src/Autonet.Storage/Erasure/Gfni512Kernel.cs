using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Autonet.Storage.Erasure;

/// <summary>
/// GF(2^8) matrix multiply with GF2P8AFFINEQB on 512-bit (AVX-512 + GFNI) vectors: one instruction multiplies
/// 512/8 bytes by a constant (see <see cref="GfniAffine"/>). Four output rows accumulate in registers
/// while each input vector is loaded once. Falls back to nothing: callers pick a supported kernel.
/// </summary>
public sealed class Gfni512Kernel : GaloisKernel
{
    // Bytes per block: the inputs of one block stay in L1/L2 while each group of 4 outputs passes over them.
    private const int BlockBytes = 8192;

    /// <inheritdoc/>
    public override string Name => "gfni-512";

    /// <inheritdoc/>
    public override bool IsSupported => Gfni.V512.IsSupported;

    internal override void Multiply(ReadOnlySpan<byte> matrix, byte[][] inputs, byte[][] outputs, int length)
    {
        if (!IsSupported)
        {
            Errors.KernelUnsupported(Name);
        }

        var affine = new Vector512<byte>[matrix.Length];
        for (var i = 0; i < matrix.Length; i++)
        {
            affine[i] = Vector512.Create(GfniAffine.Matrix(matrix[i])).AsByte();
        }

        var vectorEnd = length - (length % Vector512<byte>.Count);
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

    // unchecked: pos < end <= length <= int.MaxValue and indices < 256 * 256, so nothing here can overflow;
    // the checks this project turns on cost about a third of the loop's instructions.
    private static void Group4(Vector512<byte>[] affineArray, byte[][] inputs, byte[][] outputs, int r, int start, int end)
    {
        unchecked
        {
            var columns = inputs.Length;
            ref var affine0 = ref MemoryMarshal.GetArrayDataReference(affineArray);
            ref var affine1 = ref Unsafe.Add(ref affine0, columns);
            ref var affine2 = ref Unsafe.Add(ref affine1, columns);
            ref var affine3 = ref Unsafe.Add(ref affine2, columns);
            affine0 = ref Unsafe.Add(ref affine0, r * columns);
            affine1 = ref Unsafe.Add(ref affine1, r * columns);
            affine2 = ref Unsafe.Add(ref affine2, r * columns);
            affine3 = ref Unsafe.Add(ref affine3, r * columns);
            ref var out0 = ref MemoryMarshal.GetArrayDataReference(outputs[r]);
            ref var out1 = ref MemoryMarshal.GetArrayDataReference(outputs[r + 1]);
            ref var out2 = ref MemoryMarshal.GetArrayDataReference(outputs[r + 2]);
            ref var out3 = ref MemoryMarshal.GetArrayDataReference(outputs[r + 3]);
            var width = (nuint)Vector512<byte>.Count;
            var pos = (nuint)start;

            // Two vectors per step: eight accumulators, each input row reference and matrix fetched once per 2 vectors.
            for (; pos + (2 * width) <= (nuint)end; pos += 2 * width)
            {
                Vector512<byte> a0 = default, a1 = default, a2 = default, a3 = default;
                Vector512<byte> b0 = default, b1 = default, b2 = default, b3 = default;
                for (var c = 0; c < columns; c++)
                {
                    ref var input = ref MemoryMarshal.GetArrayDataReference(inputs[c]);
                    var x = Vector512.LoadUnsafe(ref input, pos);
                    var y = Vector512.LoadUnsafe(ref input, pos + width);
                    var m0 = Unsafe.Add(ref affine0, c);
                    var m1 = Unsafe.Add(ref affine1, c);
                    var m2 = Unsafe.Add(ref affine2, c);
                    var m3 = Unsafe.Add(ref affine3, c);
                    a0 ^= Gfni.V512.GaloisFieldAffineTransform(x, m0, 0);
                    b0 ^= Gfni.V512.GaloisFieldAffineTransform(y, m0, 0);
                    a1 ^= Gfni.V512.GaloisFieldAffineTransform(x, m1, 0);
                    b1 ^= Gfni.V512.GaloisFieldAffineTransform(y, m1, 0);
                    a2 ^= Gfni.V512.GaloisFieldAffineTransform(x, m2, 0);
                    b2 ^= Gfni.V512.GaloisFieldAffineTransform(y, m2, 0);
                    a3 ^= Gfni.V512.GaloisFieldAffineTransform(x, m3, 0);
                    b3 ^= Gfni.V512.GaloisFieldAffineTransform(y, m3, 0);
                }

                a0.StoreUnsafe(ref out0, pos);
                b0.StoreUnsafe(ref out0, pos + width);
                a1.StoreUnsafe(ref out1, pos);
                b1.StoreUnsafe(ref out1, pos + width);
                a2.StoreUnsafe(ref out2, pos);
                b2.StoreUnsafe(ref out2, pos + width);
                a3.StoreUnsafe(ref out3, pos);
                b3.StoreUnsafe(ref out3, pos + width);
            }

            for (; pos < (nuint)end; pos += width)
            {
                Vector512<byte> a0 = default, a1 = default, a2 = default, a3 = default;
                for (var c = 0; c < columns; c++)
                {
                    var x = Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(inputs[c]), pos);
                    a0 ^= Gfni.V512.GaloisFieldAffineTransform(x, Unsafe.Add(ref affine0, c), 0);
                    a1 ^= Gfni.V512.GaloisFieldAffineTransform(x, Unsafe.Add(ref affine1, c), 0);
                    a2 ^= Gfni.V512.GaloisFieldAffineTransform(x, Unsafe.Add(ref affine2, c), 0);
                    a3 ^= Gfni.V512.GaloisFieldAffineTransform(x, Unsafe.Add(ref affine3, c), 0);
                }

                a0.StoreUnsafe(ref out0, pos);
                a1.StoreUnsafe(ref out1, pos);
                a2.StoreUnsafe(ref out2, pos);
                a3.StoreUnsafe(ref out3, pos);
            }
        }
    }

    private static void Group1(Vector512<byte>[] affineArray, byte[][] inputs, byte[][] outputs, int r, int start, int end)
    {
        unchecked
        {
            var columns = inputs.Length;
            ref var affine = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(affineArray), r * columns);
            ref var out0 = ref MemoryMarshal.GetArrayDataReference(outputs[r]);
            var width = (nuint)Vector512<byte>.Count;
            var pos = (nuint)start;

            // Four vectors per step: one output row leaves registers free for four independent chains.
            for (; pos + (4 * width) <= (nuint)end; pos += 4 * width)
            {
                Vector512<byte> a0 = default, a1 = default, a2 = default, a3 = default;
                for (var c = 0; c < columns; c++)
                {
                    ref var input = ref MemoryMarshal.GetArrayDataReference(inputs[c]);
                    var m = Unsafe.Add(ref affine, c);
                    a0 ^= Gfni.V512.GaloisFieldAffineTransform(Vector512.LoadUnsafe(ref input, pos), m, 0);
                    a1 ^= Gfni.V512.GaloisFieldAffineTransform(Vector512.LoadUnsafe(ref input, pos + width), m, 0);
                    a2 ^= Gfni.V512.GaloisFieldAffineTransform(Vector512.LoadUnsafe(ref input, pos + (2 * width)), m, 0);
                    a3 ^= Gfni.V512.GaloisFieldAffineTransform(Vector512.LoadUnsafe(ref input, pos + (3 * width)), m, 0);
                }

                a0.StoreUnsafe(ref out0, pos);
                a1.StoreUnsafe(ref out0, pos + width);
                a2.StoreUnsafe(ref out0, pos + (2 * width));
                a3.StoreUnsafe(ref out0, pos + (3 * width));
            }

            for (; pos < (nuint)end; pos += width)
            {
                Vector512<byte> a0 = default;
                for (var c = 0; c < columns; c++)
                {
                    var x = Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(inputs[c]), pos);
                    a0 ^= Gfni.V512.GaloisFieldAffineTransform(x, Unsafe.Add(ref affine, c), 0);
                }

                a0.StoreUnsafe(ref out0, pos);
            }
        }
    }
}
