using System.Numerics;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// TaskContract.getTask: everything stored about one task. A deadline is <see cref="DateTimeOffset.UnixEpoch"/> until
/// its phase opens (the contract stores 0), and <see cref="GroundTruthCid"/> is "" until the proposer reveals it.
/// </summary>
public sealed record TaskRecord(
    BigInteger TaskId,
    TaskTerms Terms,
    Address Proposer,
    TaskState State,
    bool Cancelled,
    DateTimeOffset CommitDeadline,
    DateTimeOffset RevealDeadline,
    DateTimeOffset VerifyDeadline,
    string GroundTruthCid)
{
    /// <summary>Whether the task was finalized (Settled and not cancelled): consensus and rewards exist.</summary>
    public bool Finalized => State == TaskState.Settled && !Cancelled;

    /// <summary>The decoded Task struct: (terms, proposer, state, cancelled, commitDeadline, revealDeadline, verifyDeadline, gtCid).</summary>
    internal static TaskRecord FromAbi(BigInteger taskId, object[] task) => new(
        taskId,
        TaskTerms.FromAbi((object[])task[0]),
        (Address)task[1],
        (TaskState)(byte)(BigInteger)task[2],
        (bool)task[3],
        Time(task[4]),
        Time(task[5]),
        Time(task[6]),
        (string)task[7]);

    private static DateTimeOffset Time(object unixSeconds) => DateTimeOffset.FromUnixTimeSeconds((long)(ulong)(BigInteger)unixSeconds);
}
