// The Protocol's IChain over the deployed contracts (Autonet.Chain bindings), for one node's key. Translations:
// a task's base model and training recipe travel as a spec blob whose CID is TaskTerms.specCid; content ids go on
// chain as their sha2-256 digests; a commitment first approves ResultsRewards for the task's bond when the allowance
// is short; a coordinator's vote is ResultsRewards.commitVote of voteCommitment(...) and later revealVote of the same
// scores in revealedSolvers order, its unjudgeable flags a bit mask in that order; the accepted solutions of a finalized task are those with a consensus
// above 0 (none for a void task, and a revealed forced error never); a publish sends the CID and the Merkle root of
// the shards the aggregator placed to Project.publishModel with the task id (first approving ModelChallenges for the
// aggregator's bond when the allowance is short), and a task's published model is read back
// from Project.modelOfTask. The reward split is the contract's (TaskContract.rewardSplit).
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
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (ContentId BaseModel, string TrainingSpec)> _specs = new(StringComparer.Ordinal);

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

    public async Task<TaskView?> ReadTaskAsync(ulong taskId, CancellationToken cancellationToken)
    {
        var task = await system.Tasks.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return null;
        }
        var spec = await ReadSpecAsync(task.Terms.SpecCid, cancellationToken).ConfigureAwait(false);
        var all = await system.Tasks.SolutionsOfAsync(taskId, cancellationToken).ConfigureAwait(false);
        var solutions = all.Select(s => new SolutionView(s.Solver, s.Commitment, s.Revealed)).ToList();
        var voters = await system.Rewards.VotersOfAsync(taskId, cancellationToken).ConfigureAwait(false);
        var committers = await system.Rewards.CommittersOfAsync(taskId, cancellationToken).ConfigureAwait(false);
        var voteRevealDeadline = task.VerifyDeadline == DateTimeOffset.UnixEpoch ? DateTimeOffset.UnixEpoch
            : DateTimeOffset.FromUnixTimeSeconds((long)await system.Rewards.VoteRevealDeadlineOfAsync(taskId, cancellationToken).ConfigureAwait(false));
        var anchored = committers.Count > 0 && !(await system.Rewards.DrawBlockOfAsync(taskId, cancellationToken).ConfigureAwait(false)).IsZero;
        var accepted = new List<AcceptedSolution>();
        var voided = false;
        if (task.Finalized)
        {
            voided = (await system.Rewards.PoolOfAsync(taskId, cancellationToken).ConfigureAwait(false)).Voided;
            // ResultsRewards pays a revealed forced error nothing whatever its votes, nor a flagged solution; aggregation
            // leaves them out, and every solution with no measured improvement (consensus 0).
            var forced = await system.ForcedErrors.RevealedForcedSolverAsync(taskId, cancellationToken).ConfigureAwait(false);
            foreach (var s in voided ? [] : solutions.Where(s => s.Delta is not null && s.Solver != forced))
            {
                var consensus = await system.Rewards.ConsensusOfAsync(taskId, s.Solver, cancellationToken).ConfigureAwait(false);
                if (consensus > 0 && !await system.Rewards.BondForfeitedAsync(taskId, s.Solver, cancellationToken).ConfigureAwait(false))
                {
                    accepted.Add(new AcceptedSolution(s.Solver, s.Delta!.Value, consensus / 10_000.0));
                }
            }
        }
        var published = await system.Project.ModelOfTaskAsync(task.Terms.ProjectId, taskId, cancellationToken).ConfigureAwait(false);
        return new TaskView
        {
            TaskId = taskId,
            ProjectId = (ulong)task.Terms.ProjectId,
            Proposer = task.Proposer,
            BaseModel = spec.BaseModel,
            TrainingSpec = spec.TrainingSpec,
            ProposedAt = task.ProposedAt,
            CommitWindow = task.Terms.CommitWindow,
            RevealWindow = task.Terms.RevealWindow,
            CommitDeadline = task.CommitDeadline,
            RevealDeadline = task.RevealDeadline,
            VerifyDeadline = task.VerifyDeadline,
            GroundTruthCommitment = task.Terms.GroundTruthCommit,
            GroundTruth = task.GroundTruth,
            Seed = task.Seed,
            Solutions = solutions,
            VoteRevealDeadline = voteRevealDeadline,
            VoteCommitters = committers,
            CommitteeAnchored = anchored,
            Voters = voters,
            Accepted = accepted,
            Finalized = task.Finalized,
            Cancelled = task.Cancelled,
            Voided = voided,
            PublishedModel = published is not null && ContentId.TryParse(published.Cid, out var model) ? model : null,
        };
    }

    public async Task<IReadOnlyList<ulong>> ListActiveTasksAsync(ulong projectId, CancellationToken cancellationToken) =>
        [.. (await ListTasksAsync(projectId, cancellationToken).ConfigureAwait(false)).Where(t => !t.Settled).Select(t => t.TaskId)];

    /// <summary>Every task of <paramref name="projectId"/>, oldest first, and whether it is settled (finalized or cancelled).</summary>
    public async Task<IReadOnlyList<(ulong TaskId, bool Settled)>> ListTasksAsync(ulong projectId, CancellationToken cancellationToken)
    {
        var count = (ulong)await system.Tasks.TaskCountAsync(cancellationToken).ConfigureAwait(false);
        var tasks = new List<(ulong, bool)>();
        for (var id = 1UL; id <= count; id++)
        {
            var project = await system.Tasks.ProjectOfAsync(id, cancellationToken).ConfigureAwait(false);
            if ((ulong)project == projectId)
            {
                tasks.Add((id, await system.Tasks.StateOfAsync(id, cancellationToken).ConfigureAwait(false) == TaskState.Settled));
            }
        }
        return tasks;
    }

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

    private async Task<(ContentId BaseModel, string TrainingSpec)> ReadSpecAsync(string specCid, CancellationToken cancellationToken)
    {
        if (_specs.TryGetValue(specCid, out var known))
        {
            return known; // content-addressed, so it never changes: fetched once per task, not once per read
        }
        var id = ContentId.Parse(specCid);
        var bytes = await blobs.GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"task spec {specCid} is not in the blob store");
        var doc = JsonSerializer.Deserialize<SpecDocument>(bytes) ?? throw new FormatException($"task spec {specCid} is empty");
        return _specs[specCid] = (ContentId.Parse(doc.BaseModel), doc.TrainingSpec);
    }

    private void Record(string action, ulong taskId, TransactionReceipt receipt) =>
        onTransaction?.Invoke(new TxRecord(Account, action, taskId, receipt.TransactionHash, receipt.BlockNumber, receipt.GasUsed.ToString(CultureInfo.InvariantCulture)));

    private sealed record SpecDocument(string BaseModel, string TrainingSpec);
}
