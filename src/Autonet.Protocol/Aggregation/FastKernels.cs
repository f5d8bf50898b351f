using System.Buffers;
using System.Runtime.Intrinsics;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// Vectorized, multithreaded kernels that reproduce <see cref="ReferenceKernels"/> bit for bit. The work is cut into
/// <see cref="Segments"/>, taken by up to <c>threads</c> threads; each segment writes its coordinates and one partial
/// sum per long sum to fixed slots, combined in segment order afterwards, so the bytes do not depend on the thread
/// count. Each kernel is written once over <see cref="ILanes{TFloat, TDouble}"/> and runs as Vector512 where it is
/// hardware accelerated, Vector256 elsewhere: only lane-wise operations, no FMA, so every width gives the same bytes.
/// </summary>
internal sealed class FastKernels : IAggregationKernels
{
    /// <summary>Every core, the widest accelerated vectors.</summary>
    public static readonly FastKernels Instance = new(Environment.ProcessorCount, Vector512.IsHardwareAccelerated);

    private readonly int _threads;
    private readonly bool _wide;

    /// <param name="threads">Most threads a call uses (at least 1).</param>
    /// <param name="wide">Vector512 (true) or Vector256 (false); the bytes are the same.</param>
    public FastKernels(int threads, bool wide)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        _threads = threads;
        _wide = wide;
    }

    /// <summary>Whether this instance runs Vector512 (else Vector256).</summary>
    public bool Wide => _wide;

    public void SumsOfSquares(ReadOnlyMemory<float>[] rows, double[] sums)
    {
        if (_wide)
        {
            using var pinned = PinnedRows.Of(rows);
            Squares<Vector512<float>, Vector512<double>, Lanes512>(pinned.Views, rows.Length == 0 ? 0 : rows[0].Length, sums);
        }
        else
        {
            using var pinned = PinnedRows.Of(rows);
            Squares<Vector256<float>, Vector256<double>, Lanes256>(pinned.Views, rows.Length == 0 ? 0 : rows[0].Length, sums);
        }
    }

    public void WeightedMean(ReadOnlyMemory<float>[] rows, float[] scales, double[] weights, float[] destination, double[]? sumsOfSquares)
    {
        if (_wide)
        {
            WeightedMean<Vector512<float>, Vector512<double>, Lanes512>(rows, scales, weights, destination, sumsOfSquares);
        }
        else
        {
            WeightedMean<Vector256<float>, Vector256<double>, Lanes256>(rows, scales, weights, destination, sumsOfSquares);
        }
    }

    public void TrimmedMean(ReadOnlyMemory<float>[] rows, float[] scales, int trim, float[] destination, double[]? sumsOfSquares)
    {
        if (_wide)
        {
            TrimmedMean<Vector512<float>, Vector512<double>, Lanes512>(rows, scales, trim, destination, sumsOfSquares);
        }
        else
        {
            TrimmedMean<Vector256<float>, Vector256<double>, Lanes256>(rows, scales, trim, destination, sumsOfSquares);
        }
    }

    public void PairwiseSquaredDistances(ReadOnlyMemory<float>[] rows, float[] scales, double[] distances, double[]? sumsOfSquares)
    {
        if (_wide)
        {
            Distances<Vector512<float>, Vector512<double>, Lanes512>(rows, scales, distances, sumsOfSquares);
        }
        else
        {
            Distances<Vector256<float>, Vector256<double>, Lanes256>(rows, scales, distances, sumsOfSquares);
        }
    }

    private void WeightedMean<TF, TD, TL>(ReadOnlyMemory<float>[] rows, float[] scales, double[] weights, float[] destination, double[]? sumsOfSquares)
        where TF : struct
        where TD : struct
        where TL : struct, ILanes<TF, TD>
    {
        using var pinned = PinnedRows.Of(rows);
        var views = pinned.Views;
        var n = rows.Length;
        // The pass measures x · s, which is x only when every scale is 1 (no clipping: the only case the aggregator fuses).
        var fused = sumsOfSquares is not null && Array.TrueForAll(scales, s => s == 1f);
        if (sumsOfSquares is not null && !fused)
        {
            Squares<TF, TD, TL>(views, destination.Length, sumsOfSquares);
        }

        var segments = Segments.Count(destination.Length);
        var perSegment = ArrayPool<double>.Shared.Rent(segments * n);
        try
        {
            Segments.Run(segments, _threads, s =>
            {
                var (start, length) = Bounds(s, destination.Length);
                WeightedMeanKernel<TF, TD, TL>.Segment(views, scales, weights, destination, start, length, fused ? perSegment.AsSpan(s * n, n) : default);
            });

            if (fused)
            {
                Combine(perSegment, n, segments, sumsOfSquares!); // fused implies sumsOfSquares is not null
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(perSegment);
        }
    }

    private void TrimmedMean<TF, TD, TL>(ReadOnlyMemory<float>[] rows, float[] scales, int trim, float[] destination, double[]? sumsOfSquares)
        where TF : unmanaged
        where TD : struct
        where TL : struct, ILanes<TF, TD>
    {
        using var pinned = PinnedRows.Of(rows);
        var views = pinned.Views;
        var n = rows.Length;
        var network = CompiledNetwork.For<TF, TL>(n, trim, n - 1 - trim);
        var segments = Segments.Count(destination.Length);
        var perSegment = ArrayPool<double>.Shared.Rent(segments * n);
        try
        {
            Segments.Run(segments, _threads, s =>
            {
                var (start, length) = Bounds(s, destination.Length);
                var squares = sumsOfSquares is null ? default : perSegment.AsSpan(s * n, n);
                TrimmedMeanKernel<TF, TD, TL>.Segment(views, scales, trim, network, destination, start, length, squares);
            });

            if (sumsOfSquares is not null)
            {
                Combine(perSegment, n, segments, sumsOfSquares);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(perSegment);
        }
    }

    private void Distances<TF, TD, TL>(ReadOnlyMemory<float>[] rows, float[] scales, double[] distances, double[]? sumsOfSquares)
        where TF : struct
        where TD : struct
        where TL : struct, ILanes<TF, TD>
    {
        using var pinned = PinnedRows.Of(rows);
        var views = pinned.Views;
        var n = rows.Length;
        var pairs = n * (n - 1) / 2;
        var length = rows[0].Length;
        var segments = Segments.Count(length);
        var pairSums = ArrayPool<double>.Shared.Rent(Math.Max(segments * pairs, 1));
        var perSegment = ArrayPool<double>.Shared.Rent(segments * n);
        try
        {
            Segments.Run(segments, _threads, s =>
            {
                var (start, size) = Bounds(s, length);
                var squares = sumsOfSquares is null ? default : perSegment.AsSpan(s * n, n);
                DistanceKernel<TF, TD, TL>.Segment(views, scales, start, size, pairSums.AsSpan(s * pairs, pairs), squares);
            });

            var pair = 0;
            for (var a = 0; a < n; a++)
            {
                distances[(a * n) + a] = 0;
                for (var b = a + 1; b < n; b++, pair++)
                {
                    distances[(a * n) + b] = distances[(b * n) + a] = StripedSum.AddSegments(pairSums, pair, pairs, segments);
                }
            }

            if (sumsOfSquares is not null)
            {
                Combine(perSegment, n, segments, sumsOfSquares);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(pairSums);
            ArrayPool<double>.Shared.Return(perSegment);
        }
    }

    // sums[i] = row i's Σ x², one work item per (row, segment).
    private void Squares<TF, TD, TL>(RowView[] rows, int length, double[] sums)
        where TF : struct
        where TD : struct
        where TL : struct, ILanes<TF, TD>
    {
        var n = rows.Length;
        var segments = Segments.Count(length);
        var perSegment = ArrayPool<double>.Shared.Rent(Math.Max(segments * n, 1));
        try
        {
            Segments.Run(segments * n, _threads, item =>
            {
                var (segment, row) = Math.DivRem(item, n);
                var (start, size) = Bounds(segment, length);
                perSegment[item] = SquaresKernel<TF, TD, TL>.Segment(rows[row], start, size);
            });

            Combine(perSegment, n, segments, sums);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(perSegment);
        }
    }

    // perSegment[s·n + i] = row i's sum over segment s; sums[i] = those added in segment order.
    private static void Combine(double[] perSegment, int n, int segments, double[] sums)
    {
        for (var i = 0; i < n; i++)
        {
            sums[i] = StripedSum.AddSegments(perSegment, i, n, segments);
        }
    }

    private static (int Start, int Length) Bounds(int segment, int length)
    {
        var start = segment * Segments.Length;
        return (start, Math.Min(Segments.Length, length - start));
    }
}
