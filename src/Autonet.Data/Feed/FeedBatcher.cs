// The trainer's side of the live feed: it takes a batch only once N new items have arrived since the last one it took
// (interactions, and with frames on, screen frames too; not on every message), so a step always has fresh samples and
// a burst of messages is one step, not N. Each interaction becomes "role: content\n" between BOS and EOS, cut into
// windows of max_seq_length; each window carries the frame nearest its interaction's time within
// FrameAligner.Tolerance (a multimodal sample) or none (text-only). The batch's new frames up to its last turn's time
// (+ tolerance) that no interaction of it chose are its visual-only samples; later frames wait for the next batch, so
// only a turn that arrives after its frame's batch was taken makes that frame trained once alone and once paired. Taking moves the buffer's persisted positions (interactions and frames), so after a restart the trainer
// continues where it stopped.
using System.Globalization;
using Autonet.Data.Text;

namespace Autonet.Data.Feed;

/// <summary>Hands out a batch of the feed's new interactions once enough of them have arrived.</summary>
public sealed class FeedBatcher
{
    private readonly FeedBuffer _buffer;
    private readonly int _newInteractions;
    private readonly int _maxSeqLength;
    private readonly int _maxInteractions;
    private readonly bool _withFrames;

    /// <param name="buffer">The ring buffer the watcher fills.</param>
    /// <param name="newInteractions">N: a batch is taken once this many new interactions have arrived (1..4096).</param>
    /// <param name="maxSeqLength">Tokens per window (16..2048).</param>
    /// <param name="maxInteractions">Most interactions (and most visual-only frames) in one batch (at least N); more stay for the next batch.</param>
    /// <param name="withFrames">New frames count toward N and unpaired ones are handed out as visual-only samples (a multimodal trainer); false: frames only ride along with their turns.</param>
    public FeedBatcher(FeedBuffer buffer, int newInteractions, int maxSeqLength = 512, int? maxInteractions = null, bool withFrames = false)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (newInteractions is < 1 or > 4096)
        {
            Errors.Option("batch_interactions", newInteractions, "must be in 1..4096");
        }
        if (maxSeqLength is < 16 or > TextDataConfig.MaxSupportedSeqLength)
        {
            Errors.Option("max_seq_length", maxSeqLength, $"must be in 16..{TextDataConfig.MaxSupportedSeqLength}");
        }
        if (maxInteractions is { } max && max < newInteractions)
        {
            Errors.Option("max_interactions", max, $"must be at least batch_interactions ({newInteractions})");
        }
        _buffer = buffer;
        _newInteractions = newInteractions;
        _maxSeqLength = maxSeqLength;
        _maxInteractions = maxInteractions ?? newInteractions;
        _withFrames = withFrames;
    }

    /// <summary>How many new items are waiting: interactions, plus frames when the batcher hands out frames.</summary>
    public int Pending => _buffer.CountAfter(_buffer.Taken) + (_withFrames ? _buffer.CountFramesAfter(_buffer.TakenFrame) : 0);

    /// <summary>The next batch when at least N new items are waiting, else null (nothing is consumed).</summary>
    public FeedBatch? TryTake()
    {
        if (Pending < _newInteractions)
        {
            return null;
        }
        var interactions = _buffer.After(_buffer.Taken, _maxInteractions);
        var windows = new List<TextWindow>();
        var frames = new List<FeedFrame?>();
        foreach (var interaction in interactions)
        {
            var ids = ByteTokenizer.Encode($"{interaction.Role}: {interaction.Content}\n", addBosEos: true);
            var frame = FrameAligner.Nearest(_buffer, Time(interaction));
            foreach (var window in SlidingWindows.Cut(ids, _maxSeqLength, _maxSeqLength, interaction.Source))
            {
                windows.Add(window);
                frames.Add(frame);
            }
        }
        var visualOnly = new List<FeedFrame>();
        if (_withFrames)
        {
            var paired = frames.Where(f => f is not null).Select(f => f!.Seq).ToHashSet(); // non-null by the filter
            // Frames captured after the batch's last turn (beyond the tolerance) may still be a later turn's screen:
            // they wait for the next batch (a batch of frames alone takes them all).
            var cutoff = interactions.Count == 0 ? DateTimeOffset.MaxValue : interactions.Max(Time) + FrameAligner.Tolerance;
            var fresh = _buffer.FramesAfter(_buffer.TakenFrame, _maxInteractions).TakeWhile(f => f.Captured <= cutoff).ToList();
            visualOnly.AddRange(fresh.Where(f => !paired.Contains(f.Seq)));
            if (fresh.Count > 0)
            {
                _buffer.TakenFrame = fresh[^1].Seq;
            }
        }
        if (interactions.Count > 0)
        {
            _buffer.Taken = interactions[^1].Seq;
        }
        return new FeedBatch(interactions, windows.Count == 0 ? null : TextBatch.FromWindows(windows), frames, visualOnly);
    }

    // The turn's own timestamp (ISO 8601, or Unix seconds), else when it arrived.
    private static DateTimeOffset Time(FeedInteraction interaction)
    {
        if (interaction.Timestamp is { } text)
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return parsed;
            }
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 1e11)
            {
                return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
            }
        }
        return interaction.Arrived;
    }
}
