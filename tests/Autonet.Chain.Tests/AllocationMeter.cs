namespace Autonet.Chain.Tests;

/// <summary>Bytes allocated on this thread by an action that is expected to fail with the given exception type (swallowed).</summary>
internal static class AllocationMeter
{
    public static long Measure<TException>(Action action)
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(action);
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            action();
        }
        catch (TException)
        {
        }
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
