using Autonet.Core.Ids;

namespace Autonet.Protocol.Roles;

/// <summary>
/// The verdicts a coordinator reached on one task, in the order it judged them, why it found the validation set
/// unusable (null when it could use it; then its vote flags the ground truth), the salt of its hidden vote (saved before
/// the commitment is sent, so a crash never loses it), and how far the vote got: committed, revealed (or found not
/// drawn into the committee), and its hold released after settlement.
/// </summary>
public sealed record CoordinatorTaskState(ulong TaskId, IReadOnlyList<CoordinatorVerdict> Verdicts, bool Submitted = false, string? BadGroundTruth = null)
{
    /// <summary>The vote's salt; null until the vote is ready to commit.</summary>
    public Hash32? Salt { get; init; }

    /// <summary>Whether the commitment is on chain.</summary>
    public bool Committed { get; init; }

    /// <summary>Whether the draw left this coordinator off the committee (it then only releases its hold).</summary>
    public bool NotDrawn { get; init; }

    /// <summary>Whether the vote is settled: revealed and released by finalize, or released by settleVote.</summary>
    public bool Settled { get; init; }
}
