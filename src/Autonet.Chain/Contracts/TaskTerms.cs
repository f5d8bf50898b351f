using System.Numerics;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// TaskContract.TaskTerms: what a proposer offers. <see cref="Reward"/> is ATN base units, split on chain by
/// <c>TaskContract.rewardSplit</c> (read it with <see cref="TaskContract.RewardSplitAsync"/>); <see cref="SolverBond"/>
/// (ATN base units, at least 1 ATN) is what each solver posts with its commitment; windows are whole seconds on chain.
/// </summary>
public sealed record TaskTerms(
    BigInteger ProjectId,
    string SpecCid,
    Hash32 GroundTruthCommit,
    BigInteger Reward,
    BigInteger SolverBond,
    TimeSpan CommitWindow,
    TimeSpan RevealWindow,
    TimeSpan VerifyWindow)
{
    /// <summary>The tuple as the ABI encoder takes it, in the struct's field order.</summary>
    public object[] ToAbi() =>
    [
        ProjectId, SpecCid, GroundTruthCommit, Reward, SolverBond,
        (ulong)CommitWindow.TotalSeconds, (ulong)RevealWindow.TotalSeconds, (ulong)VerifyWindow.TotalSeconds,
    ];

    /// <summary>The decoded struct (fields in order, as <see cref="ToAbi"/> writes them).</summary>
    internal static TaskTerms FromAbi(object[] tuple) => new(
        (BigInteger)tuple[0], (string)tuple[1], new Hash32((byte[])tuple[2]), (BigInteger)tuple[3], (BigInteger)tuple[4],
        Seconds(tuple[5]), Seconds(tuple[6]), Seconds(tuple[7]));

    private static TimeSpan Seconds(object value) => TimeSpan.FromSeconds((long)(ulong)(BigInteger)value);
}
