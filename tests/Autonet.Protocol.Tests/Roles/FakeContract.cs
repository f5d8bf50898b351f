using Autonet.Core.Ids;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Roles;

namespace Autonet.Protocol.Tests.Roles;

/// <summary>
/// An in-memory stand-in for the task contract, enforcing the deadlines and commitment checks the roles rely on
/// (the real rules live in Solidity). Finalization is driven by the test: consensus = median vote per solver.
/// </summary>
internal sealed class FakeContract(TimeProvider clock)
{
    private readonly Dictionary<ulong, (TaskView View, Hash32 GroundTruthCommitment)> _tasks = [];
    private readonly Dictionary<(ulong Task, Address Coordinator, Address Solver), uint> _votes = [];
    private readonly Dictionary<ulong, Hash32> _roots = [];

    public List<string> Transactions { get; } = [];

    public TaskView Read(ulong taskId) => _tasks[taskId].View;

    public ulong Post(Address proposer, TaskSpec spec, Hash32 groundTruthCommitment)
    {
        var id = (ulong)_tasks.Count + 1;
        var now = clock.GetUtcNow();
        var view = new TaskView
        {
            TaskId = id,
            ProjectId = spec.ProjectId,
            Proposer = proposer,
            BaseModel = spec.BaseModel,
            TrainingSpec = spec.TrainingSpec,
            CommitDeadline = now + spec.CommitWindow,
            RevealDeadline = now + spec.CommitWindow + spec.RevealWindow,
            VerifyDeadline = now + spec.CommitWindow + spec.RevealWindow + spec.VerifyWindow,
            GroundTruthCommitment = groundTruthCommitment,
        };
        _tasks[id] = (view, groundTruthCommitment);
        Transactions.Add($"post {id} by {proposer}");
        return id;
    }

    public void Commit(ulong taskId, Address solver, Hash32 commitment)
    {
        var view = Read(taskId);
        Require(clock.GetUtcNow() < view.CommitDeadline, "CommitWindowClosed");
        Require(view.Solutions.All(s => s.Solver != solver), "AlreadyCommitted");
        Update(taskId, view with { Solutions = [.. view.Solutions, new SolutionView(solver, commitment, false, null)] });
        Transactions.Add($"commit {taskId} by {solver}");
    }

    public void RevealGroundTruth(ulong taskId, Address proposer, ContentId validationSet, Hash32 salt)
    {
        var (view, commitment) = _tasks[taskId];
        Require(proposer == view.Proposer, "NotProposer");
        Require(clock.GetUtcNow() >= view.CommitDeadline, "CommitWindowOpen");
        Require(Commitment.ForGroundTruth(proposer, validationSet, salt) == commitment, "GroundTruthMismatch");
        Update(taskId, view with { GroundTruth = validationSet });
        Transactions.Add($"reveal-gt {taskId}");
    }

    public void Reveal(ulong taskId, Address solver, ContentId delta, Hash32 salt)
    {
        var view = Read(taskId);
        var now = clock.GetUtcNow();
        Require(now >= view.CommitDeadline && now < view.RevealDeadline, "NotInRevealWindow");
        var mine = view.Solutions.SingleOrDefault(s => s.Solver == solver) ?? throw new InvalidOperationException("revert NoCommitment");
        Require(Commitment.ForSolution(taskId, solver, delta, salt) == mine.Commitment, "RevealMismatch");
        Update(taskId, view with { Solutions = [.. view.Solutions.Select(s => s.Solver == solver ? s with { Revealed = true, Delta = delta } : s)] });
        Transactions.Add($"reveal {taskId} by {solver}");
    }

    /// <summary>What TaskContract does with a reveal whose text is not a CID: the solver counts as revealed, with no delta.</summary>
    public void MarkRevealedWithoutCid(ulong taskId, Address solver)
    {
        var view = Read(taskId);
        Update(taskId, view with { Solutions = [.. view.Solutions.Select(s => s.Solver == solver ? s with { Revealed = true, Delta = null } : s)] });
    }

    /// <summary>ResultsRewards.submitScores: one batch per coordinator, a score for every revealed solution in order.</summary>
    public void SubmitScores(ulong taskId, Address coordinator, IReadOnlyList<SolverScore> scores)
    {
        var view = Read(taskId);
        var now = clock.GetUtcNow();
        Require(now >= view.RevealDeadline && now < view.VerifyDeadline, "NotInVerifyWindow");
        Require(!view.Voters.Contains(coordinator), "AlreadySubmitted");
        var revealed = view.Solutions.Where(s => s.Revealed).Select(s => s.Solver).ToList();
        Require(scores.Count == revealed.Count && revealed.All(r => scores.Any(s => s.Solver == r)), "ScoreCountMismatch");
        Require(scores.All(s => s.BasisPoints <= 10_000), "ScoreOutOfRange");
        foreach (var score in scores)
        {
            _votes[(taskId, coordinator, score.Solver)] = score.BasisPoints;
        }

        Update(taskId, view with { Voters = [.. view.Voters, coordinator] });
        Transactions.Add($"submitScores {taskId} {coordinator} [{string.Join(",", scores.Select(s => s.BasisPoints))}]");
    }

    public void Finalize(ulong taskId)
    {
        var view = Read(taskId);
        var accepted = new List<AcceptedSolution>();
        foreach (var solution in view.Solutions.Where(s => s.Delta is not null))
        {
            var votes = _votes.Where(v => v.Key.Task == taskId && v.Key.Solver == solution.Solver).Select(v => v.Value).Order().ToArray();
            if (votes.Length > 0 && votes[votes.Length / 2] > 0)
            {
                accepted.Add(new AcceptedSolution(solution.Solver, solution.Delta!.Value, votes[votes.Length / 2] / 10_000.0));
            }
        }

        Update(taskId, view with { Finalized = true, Accepted = accepted });
    }

    public void Publish(ulong taskId, ContentId model, Hash32 merkleRoot)
    {
        var view = Read(taskId);
        Require(view.Finalized && view.PublishedModel is null, "NotPublishable");
        _roots[taskId] = merkleRoot;
        Update(taskId, view with { PublishedModel = model });
        Transactions.Add($"publish {taskId} {model}");
    }

    /// <summary>Points an accepted solution at other bytes (a delta the coordinators never saw), for the aggregator's checks.</summary>
    public void ReplaceAccepted(ulong taskId, Address solver, ContentId delta)
    {
        var view = Read(taskId);
        Update(taskId, view with { Accepted = [.. view.Accepted.Select(a => a.Solver == solver ? a with { Delta = delta } : a)] });
    }

    public Hash32 RootOf(ulong taskId) => _roots[taskId];

    public IReadOnlyList<ulong> Active(ulong projectId) =>
        [.. _tasks.Values.Where(t => t.View.ProjectId == projectId && !t.View.Finalized).Select(t => t.View.TaskId)];

    private void Update(ulong taskId, TaskView view) => _tasks[taskId] = (view, _tasks[taskId].GroundTruthCommitment);

    private static void Require(bool condition, string error)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"revert {error}");
        }
    }
}
