using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Autonet.Protocol.Bench;

/// <summary>
/// CPU time of the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID), POSIX.1-2008), so timings on a
/// shared, oversubscribed machine count only the time this thread ran. Falls back to wall time elsewhere.
/// </summary>
internal static partial class ThreadClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool IsThreadTime { get; } = OperatingSystem.IsLinux();

    /// <summary>Seconds of CPU time this thread has used (or a wall-clock reading when not on Linux).</summary>
    public static double Now()
    {
        if (IsThreadTime && ClockGetTime(ClockThreadCpuTimeId, out var time) == 0)
        {
            return time.Seconds + (time.Nanoseconds * 1e-9);
        }

        return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
