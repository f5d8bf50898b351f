// The live feed's cycle: every poll interval (on the injected clock) the watcher reads what the agents wrote, the
// frame source what the screen showed, and the batcher hands the trainer a batch once N new interactions are in.
// One cycle is one poll: an interaction written before a poll is in that poll's batch when it completes the N.
using Autonet.Data.Frames;

namespace Autonet.Data.Feed;

/// <summary>Polls the sources into the buffer and calls back with each batch the batcher releases.</summary>
public sealed class FeedLoop
{
    private readonly FeedWatcher _watcher;
    private readonly IFrameSource? _frames;
    private readonly FeedBuffer _buffer;
    private readonly FeedBatcher _batcher;
    private readonly TimeProvider _time;

    /// <exception cref="ArgumentOutOfRangeException">the poll interval is not in (0, 1 h]</exception>
    public FeedLoop(FeedWatcher watcher, IFrameSource? frames, FeedBuffer buffer, FeedBatcher batcher, TimeSpan pollInterval, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(batcher);
        if (pollInterval <= TimeSpan.Zero || pollInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(pollInterval), pollInterval, "the feed's poll interval must be in (0, 1 h]");
        }
        (_watcher, _frames, _buffer, _batcher, PollInterval, _time) = (watcher, frames, buffer, batcher, pollInterval, time ?? TimeProvider.System);
    }

    public TimeSpan PollInterval { get; }

    /// <summary>Raised after each cycle, once the wait for the next one is on the clock (tests advance a fake clock then).</summary>
    public event Action<int>? CycleCompleted;

    /// <summary>One cycle: poll every source, then the batch if N new interactions are waiting (else null).</summary>
    public FeedBatch? Step(CancellationToken cancellationToken = default)
    {
        _watcher.Poll(cancellationToken);
        _frames?.Poll(_buffer, cancellationToken);
        return _batcher.TryTake();
    }

    /// <summary>Cycles until cancelled: a step, then a wait of one poll interval on the clock.</summary>
    public async Task RunAsync(Func<FeedBatch, CancellationToken, Task> onBatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onBatch);
        for (var cycle = 1; !cancellationToken.IsCancellationRequested; cycle++)
        {
            for (var batch = Step(cancellationToken); batch is not null; batch = _batcher.TryTake())
            {
                await onBatch(batch, cancellationToken).ConfigureAwait(false);
            }
            var wait = Task.Delay(PollInterval, _time, cancellationToken);
            CycleCompleted?.Invoke(cycle);
            await wait.ConfigureAwait(false);
        }
    }
}
