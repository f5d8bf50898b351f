using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Autonet.Protocol.Bench;

/// <summary>
/// The peer for aggregation throughput: how fast this machine streams memory on one thread, measured
/// in the same run. Read = a Vector256 sum over a buffer far larger than the caches (on one thread, or each half on
/// its own thread for the two-thread figures); copy = Span.CopyTo.
/// </summary>
internal static class MemoryBandwidth
{
    /// <summary>Bytes read per second by a vectorized sum, best of <paramref name="repeats"/>.</summary>
    public static double ReadBytesPerSecond(float[] buffer, int repeats)
    {
        var best = double.MaxValue;
        var sink = 0f;
        for (var r = 0; r < repeats; r++)
        {
            var start = ThreadClock.Now();
            sink += Sum(buffer);
            best = Math.Min(best, ThreadClock.Now() - start);
        }

        GC.KeepAlive(sink);
        return buffer.Length * 4.0 / best;
    }

    /// <summary>Bytes read per second by two threads each summing one half, in wall time, best of <paramref name="repeats"/>.</summary>
    public static double ReadBytesPerSecondOnTwoThreads(float[] buffer, int repeats)
    {
        var best = double.MaxValue;
        var half = buffer.Length / 2;
        for (var r = 0; r < repeats; r++)
        {
            var start = Stopwatch.GetTimestamp();
            Parallel.For(0, 2, k => GC.KeepAlive(Sum(buffer.AsSpan(k * half, half))));
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return half * 2 * 4.0 / best;
    }

    /// <summary>Bytes moved (read + written) per second by Span.CopyTo, best of <paramref name="repeats"/>.</summary>
    public static double CopyBytesPerSecond(float[] source, float[] destination, int repeats)
    {
        var best = double.MaxValue;
        for (var r = 0; r < repeats; r++)
        {
            var start = ThreadClock.Now();
            source.AsSpan().CopyTo(destination);
            best = Math.Min(best, ThreadClock.Now() - start);
        }

        return source.Length * 8.0 / best;
    }

    private static float Sum(ReadOnlySpan<float> buffer)
    {
        ref var x = ref MemoryMarshal.GetReference(buffer);
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        var end = buffer.Length - (buffer.Length % 32);
        for (var j = 0; j < end; j += 32)
        {
            s0 += Vector256.LoadUnsafe(ref x, (nuint)j);
            s1 += Vector256.LoadUnsafe(ref x, (nuint)(j + 8));
            s2 += Vector256.LoadUnsafe(ref x, (nuint)(j + 16));
            s3 += Vector256.LoadUnsafe(ref x, (nuint)(j + 24));
        }

        return Vector256.Sum(s0 + s1 + s2 + s3);
    }
}
