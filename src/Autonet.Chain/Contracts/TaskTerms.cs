using System.Numerics;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>TaskContract.TaskTerms: what a proposer offers. Pools are ATN base units; windows are whole seconds on chain.</summary>
public sealed record TaskTerms(
    BigInteger ProjectId,
    string SpecCid,
    Hash32 GroundTruthCommit,
    BigInteger SolverPool,
    BigInteger CoordinatorPool,
    BigInteger ProposerFee,
    TimeSpan CommitWindow,
    TimeSpan RevealWindow,
    TimeSpan VerifyWindow)
{
    /// <summary>The tuple as the ABI encoder takes it, in the struct's field order.</summary>
    public object[] ToAbi() =>
    [
        ProjectId, SpecCid, GroundTruthCommit, SolverPool, CoordinatorPool, ProposerFee,
        (ulong)CommitWindow.TotalSeconds, (ulong)RevealWindow.TotalSeconds, (ulong)VerifyWindow.TotalSeconds,
    ];
}
