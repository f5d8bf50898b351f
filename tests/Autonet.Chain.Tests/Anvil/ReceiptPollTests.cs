using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Chain.Tests.Anvil;

/// <summary>The receipt poll against a real anvil, on a clock that records every wait it is asked for: capped at 250 ms.</summary>
public class ReceiptPollTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    [Fact]
    public async Task WaitForReceiptAsync_NeverMined_WaitsDoubleFrom20MsUpTo250MsThenTimesOut()
    {
        var time = new RecordingTime();
        using var client = new ChainClient(anvil.Client.Rpc, anvil.Client.ChainId, time);
        var unknown = new Hash32(Enumerable.Repeat((byte)0xab, 32).ToArray()); // no such transaction: every look finds no receipt

        var error = await Assert.ThrowsAsync<ChainException>(() => client.WaitForReceiptAsync(unknown, TimeSpan.FromSeconds(2), CancellationToken.None));

        Assert.Contains("not mined within 2 s", error.Message, StringComparison.Ordinal);
        var waits = time.Waits.Select(w => (int)w.TotalMilliseconds).ToArray();
        Assert.Equal([20, 40, 80, 160, 250, 250], waits[..6]);
        Assert.All(waits, w => Assert.InRange(w, 20, 250));
        Assert.Equal(ChainClient.ReceiptPollCap, TimeSpan.FromMilliseconds(250));
    }

    // A clock whose timers fire at once and move its time on by their delay, so the poll's schedule is read, not slept.
    private sealed class RecordingTime : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UnixEpoch;

        public List<TimeSpan> Waits { get; } = [];

        public override DateTimeOffset GetUtcNow()
        {
            lock (Waits)
            {
                return _now;
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (Waits)
            {
                Waits.Add(dueTime);
                _now += dueTime;
            }
            return System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }
}
