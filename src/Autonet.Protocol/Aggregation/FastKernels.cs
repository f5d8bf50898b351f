using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// Vector256 kernels that reproduce <see cref="ReferenceKernels"/> bit for bit. Inputs are copied block by
/// block (scaled, and widened to double where the rule sums in double) into a small scratch that stays in
/// L1/L2, so each update is streamed from memory once. No FMA and no hardware-width reductions: Vector256
/// is emulated where AVX is missing, with the same results, so every machine computes the same bytes.
/// </summary>
internal sealed class FastKernels : IAggregationKernels
{
    public static readonly FastKernels Instance = new();

    // Coordinates per block: 1024 floats = 4 KB per update; 10 updates in double = 80 KB of scratch (L2).
    // A multiple of StripedSum.Stripes, so local j mod 16 equals global j mod 16 and only the last block has a tail.
    private const int Block = 1024;

    public double SumOfSquares(ReadOnlySpan<float> values)
    {
        Span<double> partials = stackalloc double[StripedSum.Stripes];
        partials.Clear();
        StripedVectorSums.AccumulateSquares(values, partials);
        return StripedSum.Combine(partials);
    }

    public void WeightedMean(ReadOnlyMemory<float>[] rows, float[] scales, double[] weights, Span<float> destination, double[]? sumsOfSquares)
    {
        // Unchecked: every index is below n × length or n × Block, sizes of arrays that already exist, so < 2^31.
        unchecked
        {
            var squares = sumsOfSquares is null ? null : new double[rows.Length * StripedSum.Stripes];
            var sums = ArrayPool<double>.Shared.Rent(Block);
            try
            {
                ref var acc = ref MemoryMarshal.GetArrayDataReference(sums);
                for (var start = 0; start < destination.Length; start += Block)
                {
                    var length = Math.Min(Block, destination.Length - start);
                    var end = length - (length % 8);
                    Array.Clear(sums, 0, length);
                    for (var i = 0; i < rows.Length; i++)
                    {
                        var row = rows[i].Span.Slice(start, length);
                        if (squares is not null && scales[i] == 1f)
                        {
                            // Unclipped (x · 1 = x): sum and measure in one loop over the block.
                            WeightedSumWithSquares(row, weights[i], sums, squares.AsSpan(i * StripedSum.Stripes, StripedSum.Stripes));
                            continue;
                        }

                        ref var x = ref MemoryMarshal.GetReference(row);
                        var scale = Vector256.Create(scales[i]);
                        var weight = Vector256.Create(weights[i]);
                        var j = 0;
                        for (; j < end; j += 8)
                        {
                            var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref x, (nuint)j) * scale);
                            (Vector256.LoadUnsafe(ref acc, (nuint)j) + (lo * weight)).StoreUnsafe(ref acc, (nuint)j);
                            (Vector256.LoadUnsafe(ref acc, (nuint)(j + 4)) + (hi * weight)).StoreUnsafe(ref acc, (nuint)(j + 4));
                        }

                        for (; j < length; j++)
                        {
                            sums[j] += (double)(row[j] * scales[i]) * weights[i];
                        }

                        if (squares is not null)
                        {
                            StripedVectorSums.AccumulateSquares(row, squares.AsSpan(i * StripedSum.Stripes, StripedSum.Stripes)); // the block is still in L1
                        }
                    }

                    var output = destination.Slice(start, length);
                    var k = 0;
                    for (; k < end; k += 8)
                    {
                        Vector256.Narrow(Vector256.LoadUnsafe(ref acc, (nuint)k), Vector256.LoadUnsafe(ref acc, (nuint)(k + 4))).CopyTo(output[k..]);
                    }

                    for (; k < length; k++)
                    {
                        output[k] = (float)sums[k];
                    }
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(sums);
            }

            Finish(squares, sumsOfSquares);
        }
    }

    // sums[j] += (double)x_j · weight and partials[j mod 16] += x_j², 16 values per step; the block starts at a multiple of 16.
    private static void WeightedSumWithSquares(ReadOnlySpan<float> row, double weight, double[] sums, Span<double> partials)
    {
        // Unchecked: j < row.Length <= Block.
        unchecked
        {
            ref var x = ref MemoryMarshal.GetReference(row);
            ref var acc = ref MemoryMarshal.GetArrayDataReference(sums);
            ref var p = ref MemoryMarshal.GetReference(partials);
            var w = Vector256.Create(weight);
            var s0 = Vector256.LoadUnsafe(ref p, 0);
            var s1 = Vector256.LoadUnsafe(ref p, 4);
            var s2 = Vector256.LoadUnsafe(ref p, 8);
            var s3 = Vector256.LoadUnsafe(ref p, 12);
            var end = row.Length - (row.Length % StripedSum.Stripes);
            var j = 0;
            for (; j < end; j += StripedSum.Stripes)
            {
                var (a0, a1) = Vector256.Widen(Vector256.LoadUnsafe(ref x, (nuint)j));
                var (a2, a3) = Vector256.Widen(Vector256.LoadUnsafe(ref x, (nuint)(j + 8)));
                (Vector256.LoadUnsafe(ref acc, (nuint)j) + (a0 * w)).StoreUnsafe(ref acc, (nuint)j);
                (Vector256.LoadUnsafe(ref acc, (nuint)(j + 4)) + (a1 * w)).StoreUnsafe(ref acc, (nuint)(j + 4));
                (Vector256.LoadUnsafe(ref acc, (nuint)(j + 8)) + (a2 * w)).StoreUnsafe(ref acc, (nuint)(j + 8));
                (Vector256.LoadUnsafe(ref acc, (nuint)(j + 12)) + (a3 * w)).StoreUnsafe(ref acc, (nuint)(j + 12));
                s0 += a0 * a0;
                s1 += a1 * a1;
                s2 += a2 * a2;
                s3 += a3 * a3;
            }

            StripedVectorSums.Store(partials, s0, s1, s2, s3);
            for (; j < row.Length; j++)
            {
                double v = row[j];
                sums[j] += v * weight;
                partials[j % StripedSum.Stripes] += v * v;
            }
        }
    }

    public void TrimmedMean(ReadOnlyMemory<float>[] rows, float[] scales, int trim, Span<float> destination, double[]? sumsOfSquares)
    {
        // Unchecked: every index is below n × length or n × Block, sizes of arrays that already exist, so < 2^31.
        unchecked
        {
            var n = rows.Length;
            var squares = sumsOfSquares is null ? null : new double[n * StripedSum.Stripes];
            var network = SortingNetwork.Build(n, trim, n - 1 - trim);
            var kept = Vector256.Create((double)(n - (2 * trim)));
            var lanes = new Vector256<float>[2 * n];
            var scratch = ArrayPool<float>.Shared.Rent(n * Block);
            try
            {
                ref var s = ref MemoryMarshal.GetArrayDataReference(scratch);
                for (var start = 0; start < destination.Length; start += Block)
                {
                    var length = Math.Min(Block, destination.Length - start);
                    var end = length - (length % 8);
                    for (var i = 0; i < n; i++)
                    {
                        BlockCopy.ScaleInto(rows[i].Span.Slice(start, length), scales[i], scratch.AsSpan(i * Block, length));
                        if (squares is not null)
                        {
                            StripedVectorSums.AccumulateSquares(rows[i].Span.Slice(start, length), squares.AsSpan(i * StripedSum.Stripes, StripedSum.Stripes));
                        }
                    }

                    // 16 coordinates per pass (two vectors per update) halve the network's index loads and bounds checks.
                    var j = 0;
                    for (; j + 16 <= end; j += 16)
                    {
                        for (var i = 0; i < n; i++)
                        {
                            lanes[2 * i] = Vector256.LoadUnsafe(ref s, (nuint)((i * Block) + j));
                            lanes[(2 * i) + 1] = Vector256.LoadUnsafe(ref s, (nuint)((i * Block) + j + 8));
                        }

                        foreach (var (low, high) in network)
                        {
                            // MinNative/MaxNative differ from IEEE min/max only for NaN (its output is discarded: the
                            // caller rejects the update) and the sign of zero, which cannot change the sum below (from +0.0).
                            var a = lanes[2 * low];
                            var b = lanes[2 * high];
                            var c = lanes[(2 * low) + 1];
                            var d = lanes[(2 * high) + 1];
                            lanes[2 * low] = Vector256.MinNative(a, b);
                            lanes[2 * high] = Vector256.MaxNative(a, b);
                            lanes[(2 * low) + 1] = Vector256.MinNative(c, d);
                            lanes[(2 * high) + 1] = Vector256.MaxNative(c, d);
                        }

                        MeanOfRanks(lanes, 2 * trim, 2 * (n - trim), 2, kept, destination.Slice(start + j, 8));
                        MeanOfRanks(lanes, (2 * trim) + 1, 2 * (n - trim), 2, kept, destination.Slice(start + j + 8, 8));
                    }

                    for (; j < end; j += 8)
                    {
                        for (var i = 0; i < n; i++)
                        {
                            lanes[i] = Vector256.LoadUnsafe(ref s, (nuint)((i * Block) + j));
                        }

                        foreach (var (low, high) in network)
                        {
                            var a = lanes[low];
                            var b = lanes[high];
                            lanes[low] = Vector256.MinNative(a, b);
                            lanes[high] = Vector256.MaxNative(a, b);
                        }

                        MeanOfRanks(lanes, trim, n - trim, 1, kept, destination.Slice(start + j, 8));
                    }

                    if (end < length)
                    {
                        TailTrimmedMean(scratch, n, end, length, trim, destination.Slice(start, length));
                    }
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scratch);
            }

            Finish(squares, sumsOfSquares);
        }
    }

    public void PairwiseSquaredDistances(ReadOnlyMemory<float>[] rows, float[] scales, double[] distances, double[]? sumsOfSquares)
    {
        // Unchecked: every index is below n × length or n × Block, sizes of arrays that already exist, so < 2^31.
        unchecked
        {
            var n = rows.Length;
            var squares = sumsOfSquares is null ? null : new double[n * StripedSum.Stripes];
            var length = rows[0].Length;
            var partials = new double[checked(n * n * StripedSum.Stripes)];
            var scratch = ArrayPool<double>.Shared.Rent(n * Block);
            try
            {
                for (var start = 0; start < length; start += Block)
                {
                    var blockLength = Math.Min(Block, length - start);
                    for (var i = 0; i < n; i++)
                    {
                        BlockCopy.WidenInto(rows[i].Span.Slice(start, blockLength), scales[i], scratch.AsSpan(i * Block, blockLength));
                        if (squares is not null)
                        {
                            StripedVectorSums.AccumulateSquares(rows[i].Span.Slice(start, blockLength), squares.AsSpan(i * StripedSum.Stripes, StripedSum.Stripes));
                        }
                    }

                    for (var a = 0; a < n; a++)
                    {
                        for (var b = a + 1; b < n; b++)
                        {
                            StripedVectorSums.AccumulateDistance(
                                scratch.AsSpan(a * Block, blockLength),
                                scratch.AsSpan(b * Block, blockLength),
                                partials.AsSpan(((a * n) + b) * StripedSum.Stripes, StripedSum.Stripes));
                        }
                    }
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(scratch);
            }

            for (var a = 0; a < n; a++)
            {
                distances[(a * n) + a] = 0;
                for (var b = a + 1; b < n; b++)
                {
                    var d = StripedSum.Combine(partials.AsSpan(((a * n) + b) * StripedSum.Stripes, StripedSum.Stripes));
                    distances[(a * n) + b] = distances[(b * n) + a] = d;
                }
            }

            Finish(squares, sumsOfSquares);
        }
    }

    private static void Finish(double[]? squares, double[]? sumsOfSquares)
    {
        if (squares is not null && sumsOfSquares is not null)
        {
            for (var i = 0; i < sumsOfSquares.Length; i++)
            {
                sumsOfSquares[i] = StripedSum.Combine(squares.AsSpan(i * StripedSum.Stripes, StripedSum.Stripes));
            }
        }
    }

    // Σ of the sorted ranks [from, to) (stepping by stride through interleaved lanes) in double, ascending from +0.0, / kept.
    private static void MeanOfRanks(Vector256<float>[] lanes, int from, int to, int stride, Vector256<double> kept, Span<float> destination)
    {
        Vector256<double> sumLo = default, sumHi = default;
        for (var r = from; r < to; r += stride)
        {
            var (lo, hi) = Vector256.Widen(lanes[r]);
            sumLo += lo;
            sumHi += hi;
        }

        Vector256.Narrow(sumLo / kept, sumHi / kept).CopyTo(destination);
    }

    // The last block's len mod 8 coordinates: the reference's sort-and-sum, on the already scaled scratch.
    private static void TailTrimmedMean(float[] scratch, int n, int from, int to, int trim, Span<float> destination)
    {
        Span<float> column = n <= 64 ? stackalloc float[n] : new float[n];
        for (var j = from; j < to; j++)
        {
            for (var i = 0; i < n; i++)
            {
                column[i] = scratch[(i * Block) + j];
            }

            column.Sort();
            var sum = 0.0;
            for (var r = trim; r < n - trim; r++)
            {
                sum += column[r];
            }

            destination[j] = (float)(sum / (n - (2 * trim)));
        }
    }

}
