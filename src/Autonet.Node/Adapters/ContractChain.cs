// The Protocol's IChain over the deployed contracts (Autonet.Chain bindings), for one node's key. Translations:
// a task's base model and training recipe travel as a spec blob whose CID is TaskTerms.specCid; content ids go on
// chain as their sha2-256 digests; a commitment first approves ResultsRewards for the task's bond when the allowance
// is short; a coordinator's vote is ResultsRewards.commitVote of voteCommitment(...) and later revealVote of the same
// scores in revealedSolvers order, its unjudgeable flags a bit mask in that order; the accepted solutions of a finalized task are those with a consensus
// above 0 (none for a void task, and a revealed forced error never); a publish sends the CID and the Merkle root of
// the shards the aggregator placed to Project.publishModel with the task id (first approving ModelChallenges for the
// aggregator's bond when the allowance is short), and a task's published model is read back
// from Project.modelOfTask (reads are TaskReader's, which needs no key). The reward split is the contract's (TaskContract.rewardSplit).
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Node.Adapters;

/// <summary>One node's signed view of the contracts.</summary>
public sealed class ContractChain(AutonetSystem system, SigningKey key, IBlobStore blobs, Action<TxRecord>? onTransaction = null) : IChain
{
    private const int BondsPerApproval = 16;
    private readonly TaskReader _reader = new(system, blobs);

    public Address Account => key.Address;

    public AutonetSystem Contracts => system;

    public async Task<ulong> PostTaskAsync(TaskSpec spec, Hash32 groundTruthCommitment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var document = JsonSerializer.SerializeToUtf8Bytes(new SpecDocument(spec.BaseModel.ToString(), spec.TrainingSpec));
        var specCid = await blobs.PutAsync(document, cancellationToken).ConfigureAwait(false);
        var terms = new TaskTerms(
            spec.ProjectId, specCid.ToString(), groundTruthCommitment, spec.Reward, spec.SolverBond, spec.CommitWindow, spec.RevealWindow, spec.VerifyWindow);
        var (id, receipt) = await system.Tasks.ProposeTaskAsync(key, terms, cancellationToken).ConfigureAwait(false);
        var taskId = (ulong)id;
        Record("proposeTask", taskId, receipt);
        return taskId;
    }

    public Task<TaskView?> ReadTaskAsync(ulong taskId, CancellationToken cancellationToken) => _reader.ReadTaskAsync(taskId, cancellationToken);

    public Task<IReadOnlyList<ulong>> ListActiveTasksAsync(ulong projectId, CancellationToken cancellationToken) => _reader.ListActiveTasksAsync(projectId, cancellationToken);

    /// <summary>Every task of <paramref name="projectId"/>, oldest first, and whether it is settled (finalized or cancelled).</summary>
    public Task<IReadOnlyList<(ulong TaskId, bool Settled)>> ListTasksAsync(ulong projectId, CancellationToken cancellationToken) => _reader.ListTasksAsync(projectId, cancellationToken);

    public async Task CommitSolutionAsync(ulong taskId, Hash32 commitment, CancellationToken cancellationToken)
    {
        var bond = (await system.Rewards.PoolOfAsync(taskId, cancellationToken).ConfigureAwait(false)).SolverBond;
        var allowance = await system.Token.AllowanceAsync(Account, system.Rewards.Address, cancellationToken).ConfigureAwait(false);
        if (allowance < bond)
        {
            // Enough for this and the next fifteen commitments at this bond: one approval per sixteen tasks, not per task.
            Record("approve", taskId, await system.Token.ApproveAsync(key, system.Rewards.Address, bond * BondsPerApproval, cancellationToken).ConfigureAwait(false));
        }
        Record("commitSolution", taskId, await system.Tasks.CommitSolutionAsync(key, taskId, commitment, cancellationToken).ConfigureAwait(false));
    }

    public async Task RevealGroundTruthAsync(ulong taskId, ContentId validationSet, Hash32 salt, CancellationToken cancellationToken) =>
        Record("revealGroundTruth", taskId, await system.Tasks.RevealGroundTruthAsync(key, taskId, validationSet, salt, cancellationToken).ConfigureAwait(false));

    public async Task RevealSolutionAsync(ulong taskId, ContentId delta, Hash32 salt, CancellationToken cancellationToken) =>
        Record("revealSolution", taskId, await system.Tasks.RevealSolutionAsync(key, taskId, delta, salt, cancellationToken).ConfigureAwait(false));

    public async Task CommitVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken)
    {
        var (ordered, invalid) = await OrderVoteAsync(taskId, scores, cancellationToken).ConfigureAwait(false);
        var commitment = ResultsRewards.VoteCommitment(taskId, Account, ordered, invalid, badGroundTruth, salt);
        Record("commitVote", taskId, await system.Rewards.CommitVoteAsync(key, taskId, commitment, cancellationToken).ConfigureAwait(false));
    }

    public async Task RevealVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt, CancellationToken cancellationToken)
    {
        var (ordered, invalid) = await OrderVoteAsync(taskId, scores, cancellationToken).ConfigureAwait(false);
        Record("revealVote", taskId, await system.Rewards.RevealVoteAsync(key, taskId, ordered, invalid, badGroundTruth, salt, cancellationToken).ConfigureAwait(false));
    }

    public async Task<bool?> IsDrawnAsync(ulong taskId, CancellationToken cancellationToken) =>
        (await system.Rewards.DrawSeedOfAsync(taskId, cancellationToken).ConfigureAwait(false)) == default
            ? null
            : await system.Rewards.IsDrawnAsync(taskId, Account, cancellationToken).ConfigureAwait(false);

    public async Task SettleVoteAsync(ulong taskId, Address coordinator, CancellationToken cancellationToken) =>
        Record("settleVote", taskId, await system.Rewards.SettleVoteAsync(key, taskId, coordinator, cancellationToken).ConfigureAwait(false));

    public async Task DrawCommitteeAsync(ulong taskId, CancellationToken cancellationToken) =>
        Record("drawCommittee", taskId, await system.Rewards.DrawCommitteeAsync(key, taskId, cancellationToken).ConfigureAwait(false));

    // One score per revealed solver in ResultsRewards' revealedSolvers order, and the unjudgeable bits in that order.
    private async Task<(List<ushort> Scores, BigInteger Invalid)> OrderVoteAsync(ulong taskId, IReadOnlyList<SolverScore> scores, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var revealed = await system.Tasks.RevealedSolversAsync(taskId, cancellationToken).ConfigureAwait(false);
        var bySolver = new Dictionary<Address, SolverScore>();
        if (!scores.All(s => bySolver.TryAdd(s.Solver, s)) || revealed.Count != scores.Count || !revealed.All(bySolver.ContainsKey))
        {
            throw new ArgumentException($"task {taskId}: scores for [{string.Join(", ", scores.Select(s => s.Solver))}], but the revealed solvers are [{string.Join(", ", revealed)}] (one score each)", nameof(scores));
        }
        var bad = scores.FirstOrDefault(s => s.BasisPoints > 10_000 || (s.Unjudgeable && s.BasisPoints != 0));
        if (bad is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(scores), bad.BasisPoints, $"score for {bad.Solver}: a score is 0..10000 basis points, and 0 for an unjudgeable solution");
        }
        var invalid = BigInteger.Zero;
        for (var j = 0; j < revealed.Count; j++)
        {
            invalid |= bySolver[revealed[j]].Unjudgeable ? BigInteger.One << j : BigInteger.Zero;
        }
        return ([.. revealed.Select(s => bySolver[s].BasisPoints)], invalid);
    }

    public async Task OpenCommitsAsync(ulong taskId, CancellationToken cancellationToken) =>
        Record("openCommits", taskId, await system.Tasks.OpenCommitsAsync(key, taskId, cancellationToken).ConfigureAwait(false));

    public async Task CancelTaskAsync(ulong taskId, CancellationToken cancellationToken) =>
        Record("cancelTask", taskId, await system.Tasks.CancelTaskAsync(key, taskId, cancellationToken).ConfigureAwait(false));

    public async Task PublishModelAsync(ulong taskId, ContentId model, Hash32 merkleRoot, CancellationToken cancellationToken)
    {
        var projectId = await system.Tasks.ProjectOfAsync(taskId, cancellationToken).ConfigureAwait(false);
        // A task's model goes out with the aggregator's bond, which ModelChallenges pulls: approve it for sixteen at a time.
        var bond = await system.Challenges.AggregatorBondAsync(cancellationToken).ConfigureAwait(false);
        await ContractChallenges.ApproveAsync(system, key, taskId, bond * BondsPerApproval, bond, onTransaction, cancellationToken).ConfigureAwait(false);
        await PublishAsync(projectId, model, merkleRoot, taskId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes a model as the aggregate of <paramref name="taskId"/> (task 0: the genesis model); returns its Project round.</summary>
    public async Task<BigInteger> PublishAsync(BigInteger projectId, ContentId model, Hash32 merkleRoot, ulong taskId, CancellationToken cancellationToken)
    {
        var (round, receipt) = await system.Project.PublishModelAsync(key, projectId, taskId, model.ToString(), merkleRoot, cancellationToken).ConfigureAwait(false);
        Record("publishModel", taskId, receipt);
        return round;
    }

    /// <summary>The Project round whose model is <paramref name="taskId"/>'s aggregate (walking back from the latest); null when none is.</summary>
    public async Task<ulong?> RoundOfTaskAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var projectId = await system.Tasks.ProjectOfAsync(taskId, cancellationToken).ConfigureAwait(false);
        var (_, _, latest) = await system.Project.LatestModelAsync(projectId, cancellationToken).ConfigureAwait(false);
        for (var round = latest; round >= 0 && round > latest - 16; round--) // the task's round is nearly always the latest
        {
            var version = (object[])(await system.Project.Raw.CallAsync("modelAt", cancellationToken, projectId, round).ConfigureAwait(false))[0];
            if ((System.Numerics.BigInteger)version[3] == taskId)
            {
                return (ulong)round;
            }
        }
        return null;
    }

    /// <summary>Anyone's duty after the reveal deadline: move the task to Verifying.</summary>
    public async Task CloseRevealsAsync(ulong taskId, CancellationToken cancellationToken) =>
        Record("closeReveals", taskId, await system.Tasks.CloseRevealsAsync(key, taskId, cancellationToken).ConfigureAwait(false));

    /// <summary>Anyone's duty after the vote-reveal deadline: Yuma consensus, rewards, bonds.</summary>
    public async Task FinalizeAsync(ulong taskId, CancellationToken cancellationToken) =>
        Record("finalize", taskId, await system.Rewards.FinalizeAsync(key, taskId, cancellationToken).ConfigureAwait(false));

    /// <summary>Claims what this node is owed from a task and has not claimed (rewards, its bond back, keeper bounties); returns it (0 when nothing).</summary>
    public async Task<BigInteger> ClaimAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var amount = await system.Rewards.UnclaimedOfAsync(taskId, Account, cancellationToken).ConfigureAwait(false);
        if (amount.IsZero)
        {
            return amount;
        }
        Record("claim", taskId, await system.Rewards.ClaimAsync(key, taskId, cancellationToken).ConfigureAwait(false));
        return amount;
    }

    /// <summary>Lists this account as a <paramref name="role"/> member of <paramref name="projectId"/> (Project.join) unless it is one; returns whether it sent the transaction.</summary>
    public async Task<bool> JoinProjectAsync(ulong projectId, StakingRole role, CancellationToken cancellationToken)
    {
        if ((await system.Project.MembersOfAsync(projectId, role, cancellationToken).ConfigureAwait(false)).Contains(Account))
        {
            return false; // a restart: still a member
        }
        Record("join", 0, await system.Project.JoinAsync(key, projectId, role, cancellationToken).ConfigureAwait(false));
        return true;
    }

    /// <summary>Takes this account off the solver members of <paramref name="projectId"/> (Project.leave) if it is one; returns whether it sent the transaction.</summary>
    public async Task<bool> LeaveProjectAsync(ulong projectId, CancellationToken cancellationToken)
    {
        if (!(await system.Project.MembersOfAsync(projectId, StakingRole.Solver, cancellationToken).ConfigureAwait(false)).Contains(Account))
        {
            return false;
        }
        Record("leave", 0, await system.Project.LeaveAsync(key, projectId, StakingRole.Solver, cancellationToken).ConfigureAwait(false));
        return true;
    }

    private void Record(string action, ulong taskId, TransactionReceipt receipt) =>
        onTransaction?.Invoke(new TxRecord(Account, action, taskId, receipt.TransactionHash, receipt.BlockNumber, receipt.GasUsed.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The task spec blob a task's specCid names (TaskReader reads it back).</summary>
    internal sealed record SpecDocument(string BaseModel, string TrainingSpec);
}
