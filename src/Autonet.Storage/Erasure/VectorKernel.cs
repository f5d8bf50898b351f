using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Autonet.Storage.Erasure;

/// <summary>
/// The one SIMD matrix multiply, over any <see cref="IGaloisLanes{TVector}"/> (GFNI at 256 or 512 bits, AVX2 split
/// nibble): up to four output rows accumulate in registers while every input streams past once per group, two
/// columns at a time (the input loads and the XORs are shared), two vectors per step for four rows and eight for a
/// single row (the registers the sums leave free). Issue 11's target layout, measured against klauspost/reedsolomon in
/// bench/Autonet.Storage.Bench. Not a streaming API: whole rows in memory. A length that is not a whole number
/// of steps ends with one step that overlaps the previous one: outputs are overwritten, never accumulated, so bytes
/// computed twice come out the same. Outputs must not alias inputs. Rows shorter than one step go to the scalar path.
/// </summary>
internal sealed class VectorKernel<TLanes, TVector> : GaloisKernel
    where TLanes : struct, IGaloisLanes<TVector>
    where TVector : struct
{
    // With more than one group (4 outputs, then 1 at a time) the inputs are re-read once per group: this many bytes of
    // all inputs together per block keeps them in L2 (1-2 MiB per core) between the passes. One group: unblocked.
    private const int BlockInputBytes = 256 * 1024;

    public VectorKernel(string name) => Name = name;

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override bool IsSupported => TLanes.IsSupported;

    // Bytes per step of the widest loop (Group1: 8 vectors); Group4 takes four of its own 2-vector steps per one.
    private static int Step => 8 * TLanes.Count;

    internal override void Multiply(ReadOnlySpan<byte> matrix, byte[][] inputs, byte[][] outputs, int length)
    {
        if (!IsSupported)
        {
            Errors.KernelUnsupported(Name);
        }

        if (length < Step || inputs.Length == 0)
        {
            MultiplyScalar(matrix, inputs, outputs, 0, length);
            return;
        }

        // outputs x inputs x TableVectors vectors (at most 256 * 256 * 2), grouped as the loops read them.
        var tables = ArrayPool<TVector>.Shared.Rent(matrix.Length * TLanes.TableVectors);
        try
        {
            BuildTables(matrix, inputs.Length, outputs.Length, tables);

            var whole = length - (length % Step);
            var groups = (outputs.Length / 4) + (outputs.Length % 4);
            var block = groups <= 1 ? whole : Math.Max(Step, BlockInputBytes / inputs.Length / Step * Step);
            for (var start = 0; start < whole; start += block)
            {
                Groups(tables, inputs, outputs, start, Math.Min(start + block, whole));
            }

            if (whole < length)
            {
                Groups(tables, inputs, outputs, length - Step, length);
            }
        }
        finally
        {
            ArrayPool<TVector>.Shared.Return(tables);
        }
    }

    private static void Groups(TVector[] tables, byte[][] inputs, byte[][] outputs, int start, int end)
    {
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

    // Rows r .. r + g - 1 of a group (g = 4, or 1 for the rest) take vectors [r * columns, (r + g) * columns) x
    // TableVectors, ordered by column, then row: one base reference and the column index find all four coefficients,
    // which keeps the loop's general registers from spilling.
    private static void BuildTables(ReadOnlySpan<byte> matrix, int columns, int rows, TVector[] tables)
    {
        var per = TLanes.TableVectors;
        for (var r = 0; r < rows; r++)
        {
            var group = r < rows - (rows % 4) ? 4 : 1;
            var first = r - (r % group);
            for (var c = 0; c < columns; c++)
            {
                var index = (first * columns) + (c * group) + (r - first);
                TLanes.BuildTables(matrix[(r * columns) + c], tables.AsSpan(index * per, per));
            }
        }
    }

    // unchecked: pos < end <= length <= int.MaxValue and table indices < 256 * 256 * 2, so nothing can overflow; the
    // checks this project turns on would cost about a third of the loop's instructions.
    private static void Group4(TVector[] tableArray, byte[][] inputs, byte[][] outputs, int r, int start, int end)
    {
        unchecked
        {
            var columns = inputs.Length;
            var per = TLanes.TableVectors;
            ref var tables = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(tableArray), r * columns * per);
            ref var columnInputs = ref MemoryMarshal.GetArrayDataReference(inputs);
            ref var out0 = ref MemoryMarshal.GetArrayDataReference(outputs[r]);
            ref var out1 = ref MemoryMarshal.GetArrayDataReference(outputs[r + 1]);
            ref var out2 = ref MemoryMarshal.GetArrayDataReference(outputs[r + 2]);
            ref var out3 = ref MemoryMarshal.GetArrayDataReference(outputs[r + 3]);
            var width = (nuint)TLanes.Count;
            var constant = TLanes.LoopConstant;
            for (var pos = (nuint)start; pos < (nuint)end; pos += 2 * width)
            {
                TVector a0 = default, a1 = default, a2 = default, a3 = default;
                TVector b0 = default, b1 = default, b2 = default, b3 = default;
                var c = 0;
                for (; c + 2 <= columns; c += 2)
                {
                    ref var inX = ref MemoryMarshal.GetArrayDataReference(Unsafe.Add(ref columnInputs, c));
                    ref var inY = ref MemoryMarshal.GetArrayDataReference(Unsafe.Add(ref columnInputs, c + 1));
                    var x0 = TLanes.Load(ref inX, pos);
                    var x1 = TLanes.Load(ref inX, pos + width);
                    var y0 = TLanes.Load(ref inY, pos);
                    var y1 = TLanes.Load(ref inY, pos + width);
                    ref var t = ref Unsafe.Add(ref tables, 4 * c * per);
                    a0 = TLanes.MultiplyAdd(a0, x0, ref t, y0, ref Unsafe.Add(ref t, 4 * per), constant);
                    b0 = TLanes.MultiplyAdd(b0, x1, ref t, y1, ref Unsafe.Add(ref t, 4 * per), constant);
                    a1 = TLanes.MultiplyAdd(a1, x0, ref Unsafe.Add(ref t, per), y0, ref Unsafe.Add(ref t, 5 * per), constant);
                    b1 = TLanes.MultiplyAdd(b1, x1, ref Unsafe.Add(ref t, per), y1, ref Unsafe.Add(ref t, 5 * per), constant);
                    a2 = TLanes.MultiplyAdd(a2, x0, ref Unsafe.Add(ref t, 2 * per), y0, ref Unsafe.Add(ref t, 6 * per), constant);
                    b2 = TLanes.MultiplyAdd(b2, x1, ref Unsafe.Add(ref t, 2 * per), y1, ref Unsafe.Add(ref t, 6 * per), constant);
                    a3 = TLanes.MultiplyAdd(a3, x0, ref Unsafe.Add(ref t, 3 * per), y0, ref Unsafe.Add(ref t, 7 * per), constant);
                    b3 = TLanes.MultiplyAdd(b3, x1, ref Unsafe.Add(ref t, 3 * per), y1, ref Unsafe.Add(ref t, 7 * per), constant);
                }

                if (c < columns)
                {
                    ref var inX = ref MemoryMarshal.GetArrayDataReference(Unsafe.Add(ref columnInputs, c));
                    var x0 = TLanes.Load(ref inX, pos);
                    var x1 = TLanes.Load(ref inX, pos + width);
                    ref var t = ref Unsafe.Add(ref tables, 4 * c * per);
                    a0 = TLanes.MultiplyAdd(a0, x0, ref t, constant);
                    b0 = TLanes.MultiplyAdd(b0, x1, ref t, constant);
                    a1 = TLanes.MultiplyAdd(a1, x0, ref Unsafe.Add(ref t, per), constant);
                    b1 = TLanes.MultiplyAdd(b1, x1, ref Unsafe.Add(ref t, per), constant);
                    a2 = TLanes.MultiplyAdd(a2, x0, ref Unsafe.Add(ref t, 2 * per), constant);
                    b2 = TLanes.MultiplyAdd(b2, x1, ref Unsafe.Add(ref t, 2 * per), constant);
                    a3 = TLanes.MultiplyAdd(a3, x0, ref Unsafe.Add(ref t, 3 * per), constant);
                    b3 = TLanes.MultiplyAdd(b3, x1, ref Unsafe.Add(ref t, 3 * per), constant);
                }

                TLanes.Store(a0, ref out0, pos);
                TLanes.Store(b0, ref out0, pos + width);
                TLanes.Store(a1, ref out1, pos);
                TLanes.Store(b1, ref out1, pos + width);
                TLanes.Store(a2, ref out2, pos);
                TLanes.Store(b2, ref out2, pos + width);
                TLanes.Store(a3, ref out3, pos);
                TLanes.Store(b3, ref out3, pos + width);
            }
        }
    }

    // One output row: eight vectors per step, so eight independent sums hide the multiply's latency and each column's
    // table and input references are fetched once per 8 vectors (4+1 on 1 MiB shards: avx2-nibble +16%, gfni-512 +5%
    // over four vectors).
    private static void Group1(TVector[] tableArray, byte[][] inputs, byte[][] outputs, int r, int start, int end)
    {
        unchecked
        {
            var columns = inputs.Length;
            var per = TLanes.TableVectors;
            ref var tables = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(tableArray), r * columns * per);
            ref var columnInputs = ref MemoryMarshal.GetArrayDataReference(inputs);
            ref var out0 = ref MemoryMarshal.GetArrayDataReference(outputs[r]);
            var width = (nuint)TLanes.Count;
            var constant = TLanes.LoopConstant;
            for (var pos = (nuint)start; pos < (nuint)end; pos += 8 * width)
            {
                TVector a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
                var c = 0;
                for (; c + 2 <= columns; c += 2)
                {
                    ref var inX = ref MemoryMarshal.GetArrayDataReference(Unsafe.Add(ref columnInputs, c));
                    ref var inY = ref MemoryMarshal.GetArrayDataReference(Unsafe.Add(ref columnInputs, c + 1));
                    ref var tx = ref Unsafe.Add(ref tables, c * per);
                    ref var ty = ref Unsafe.Add(ref tx, per);
                    a0 = TLanes.MultiplyAdd(a0, TLanes.Load(ref inX, pos), ref tx, TLanes.Load(ref inY, pos), ref ty, constant);
                    a1 = TLanes.MultiplyAdd(a1, TLanes.Load(ref inX, pos + width), ref tx, TLanes.Load(ref inY, pos + width), ref ty, constant);
                    a2 = TLanes.MultiplyAdd(a2, TLanes.Load(ref inX, pos + (2 * width)), ref tx, TLanes.Load(ref inY, pos + (2 * width)), ref ty, constant);
                    a3 = TLanes.MultiplyAdd(a3, TLanes.Load(ref inX, pos + (3 * width)), ref tx, TLanes.Load(ref inY, pos + (3 * width)), ref ty, constant);
                    a4 = TLanes.MultiplyAdd(a4, TLanes.Load(ref inX, pos + (4 * width)), ref tx, TLanes.Load(ref inY, pos + (4 * width)), ref ty, constant);
                    a5 = TLanes.MultiplyAdd(a5, TLanes.Load(ref inX, pos + (5 * width)), ref tx, TLanes.Load(ref inY, pos + (5 * width)), ref ty, constant);
                    a6 = TLanes.MultiplyAdd(a6, TLanes.Load(ref inX, pos + (6 * width)), ref tx, TLanes.Load(ref inY, pos + (6 * width)), ref ty, constant);
                    a7 = TLanes.MultiplyAdd(a7, TLanes.Load(ref inX, pos + (7 * width)), ref tx, TLanes.Load(ref inY, pos + (7 * width)), ref ty, constant);
                }

                if (c < columns)
                {
                    ref var inX = ref MemoryMarshal.GetArrayDataReference(Unsafe.Add(ref columnInputs, c));
                    ref var tx = ref Unsafe.Add(ref tables, c * per);
                    a0 = TLanes.MultiplyAdd(a0, TLanes.Load(ref inX, pos), ref tx, constant);
                    a1 = TLanes.MultiplyAdd(a1, TLanes.Load(ref inX, pos + width), ref tx, constant);
                    a2 = TLanes.MultiplyAdd(a2, TLanes.Load(ref inX, pos + (2 * width)), ref tx, constant);
                    a3 = TLanes.MultiplyAdd(a3, TLanes.Load(ref inX, pos + (3 * width)), ref tx, constant);
                    a4 = TLanes.MultiplyAdd(a4, TLanes.Load(ref inX, pos + (4 * width)), ref tx, constant);
                    a5 = TLanes.MultiplyAdd(a5, TLanes.Load(ref inX, pos + (5 * width)), ref tx, constant);
                    a6 = TLanes.MultiplyAdd(a6, TLanes.Load(ref inX, pos + (6 * width)), ref tx, constant);
                    a7 = TLanes.MultiplyAdd(a7, TLanes.Load(ref inX, pos + (7 * width)), ref tx, constant);
                }

                TLanes.Store(a0, ref out0, pos);
                TLanes.Store(a1, ref out0, pos + width);
                TLanes.Store(a2, ref out0, pos + (2 * width));
                TLanes.Store(a3, ref out0, pos + (3 * width));
                TLanes.Store(a4, ref out0, pos + (4 * width));
                TLanes.Store(a5, ref out0, pos + (5 * width));
                TLanes.Store(a6, ref out0, pos + (6 * width));
                TLanes.Store(a7, ref out0, pos + (7 * width));
            }
        }
    }
}
