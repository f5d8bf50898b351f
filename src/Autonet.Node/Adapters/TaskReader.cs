// A task as the chain reports it, read with no key (the half of ContractChain that only reads): the TaskView the roles
// act on, and a project's tasks. A task's base model and recipe come from its spec blob (TaskTerms.specCid, fetched
// once: content-addressed, it never changes); the accepted solutions of a finalized task are those with a consensus
// above 0 whose bond was not forfeited (none for a void task, and a revealed forced error never). An observer that
// must not send anything (`network run --daemons`) reads through this alone.
using System.Text.Json;
using Autonet.Chain.Contracts;
using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Node.Adapters;

/// <summary>Reads tasks from the contracts; holds no key.</summary>
public sealed class TaskReader(AutonetSystem system, IBlobStore blobs)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (ContentId BaseModel, string TrainingSpec)> _specs = new(StringComparer.Ordinal);

    /// <summary>The task's current state; null when no such task exists.</summary>
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
        // Read only in the phase each one can end early (two calls fewer on every other read).
        var revealing = task.State is TaskState.GroundTruthRevealed or TaskState.Revealing;
        var commitsComplete = task.State == TaskState.Committing && await system.Tasks.CommitsCompleteAsync(taskId, cancellationToken).ConfigureAwait(false);
        var revealsComplete = revealing && await system.Tasks.RevealsCompleteAsync(taskId, cancellationToken).ConfigureAwait(false);
        var verifying = task.State == TaskState.Verifying && committers.Count > 0;
        var votesComplete = verifying && !anchored && await system.Rewards.VotesCompleteAsync(taskId, cancellationToken).ConfigureAwait(false);
        var votesRevealed = verifying && await system.Rewards.VotesRevealedAsync(taskId, cancellationToken).ConfigureAwait(false);
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
            CommitsComplete = commitsComplete,
            RevealsComplete = revealsComplete,
            VotesComplete = votesComplete,
            VotesRevealed = votesRevealed,
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

    /// <summary>Ids of the tasks of <paramref name="projectId"/> not settled yet, oldest first.</summary>
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

    private async Task<(ContentId BaseModel, string TrainingSpec)> ReadSpecAsync(string specCid, CancellationToken cancellationToken)
    {
        if (_specs.TryGetValue(specCid, out var known))
        {
            return known; // content-addressed, so it never changes: fetched once per task, not once per read
        }
        var id = ContentId.Parse(specCid);
        var bytes = await blobs.GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"task spec {specCid} is not in the blob store");
        var doc = JsonSerializer.Deserialize<ContractChain.SpecDocument>(bytes) ?? throw new FormatException($"task spec {specCid} is empty");
        return _specs[specCid] = (ContentId.Parse(doc.BaseModel), doc.TrainingSpec);
    }

}
