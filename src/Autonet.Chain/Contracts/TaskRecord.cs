using System.Numerics;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// TaskContract.getTask: everything stored about one task. A deadline is <see cref="DateTimeOffset.UnixEpoch"/> until
/// its phase opens (the contract stores 0); <see cref="GroundTruth"/> is null and <see cref="Seed"/> zero until the
/// proposer reveals its validation set.
/// </summary>
public sealed record TaskRecord(
    BigInteger TaskId,
    TaskTerms Terms,
    Address Proposer,
    TaskState State,
    bool Cancelled,
    DateTimeOffset ProposedAt,
    DateTimeOffset CommitDeadline,
    DateTimeOffset RevealDeadline,
    DateTimeOffset VerifyDeadline,
    ContentId? GroundTruth,
    Hash32 Seed)
{
    /// <summary>Whether the task was finalized (Settled and not cancelled): consensus and rewards exist.</summary>
    public bool Finalized => State == TaskState.Settled && !Cancelled;

    /// <summary>The decoded Task struct: (terms, proposer, state, cancelled, proposedAt, commitDeadline, revealDeadline,
    /// verifyDeadline, gtDigest, seed).</summary>
    internal static TaskRecord FromAbi(BigInteger taskId, object[] task)
    {
        var digest = new Hash32((byte[])task[8]);
        return new(
            taskId,
            TaskTerms.FromAbi((object[])task[0]),
            (Address)task[1],
            (TaskState)(byte)(BigInteger)task[2],
            (bool)task[3],
            Time(task[4]),
            Time(task[5]),
            Time(task[6]),
            Time(task[7]),
            digest == default ? null : new ContentId(digest),
            new Hash32((byte[])task[9]));
    }

    private static DateTimeOffset Time(object unixSeconds) => DateTimeOffset.FromUnixTimeSeconds((long)(ulong)(BigInteger)unixSeconds);
}
