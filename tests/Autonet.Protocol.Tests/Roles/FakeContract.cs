using Autonet.Core.Ids;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Roles;

namespace Autonet.Protocol.Tests.Roles;

/// <summary>
/// An in-memory stand-in for TaskContract, ResultsRewards and Project.publishModel, enforcing the rules the roles rely
/// on as Solidity does (ChainConformance runs the same tests against both): deadlines are inclusive ("until" means
/// now &lt;= deadline, "after" now &gt; deadline); the commit deadline is set by opening commits (by the proposer, or by
/// anyone once the commit window has passed since the proposal), the reveal deadline by the ground-truth reveal and the
/// verify deadline by the keeper's CloseReveals (unset they read as the Unix epoch, TaskContract's 0); a digest may be
/// revealed once per task; votes are committed in the verify window and revealed after it once a keeper drew the
/// committee (every committer sits: equal stakes). No stakes, bonds, rewards or slashing; consensus = lower median vote
/// per solver (all stakes equal; the contract's strict-majority value where one exists); a solution flagged unjudgeable by more than half the votes, or
/// with consensus 0, is not accepted, and a ground truth flagged by more than half voids the task.
/// </summary>
internal sealed class FakeContract(TimeProvider clock)
{
    /// <summary>What an unset deadline (TaskContract's 0) reads as.</summary>
    public static readonly DateTimeOffset Unset = DateTimeOffset.UnixEpoch;

    private readonly Dictionary<ulong, (TaskView View, TaskSpec Spec)> _tasks = [];
    private readonly Dictionary<(ulong Task, Address Coordinator, Address Solver), (uint Score, bool Unjudgeable)> _votes = [];
    private readonly Dictionary<(ulong Task, Address Coordinator), bool> _badGroundTruth = [];
    private readonly Dictionary<ulong, Hash32> _roots = [];
    private readonly Dictionary<(ulong Task, Address Coordinator), string> _commits = [];
    private readonly HashSet<(ulong Task, Address Coordinator)> _settledVotes = [];

    public List<string> Transactions { get; } = [];

    public TaskView Read(ulong taskId) => _tasks[taskId].View;

    public ulong Post(Address proposer, TaskSpec spec, Hash32 groundTruthCommitment)
    {
        Require(new[] { spec.CommitWindow, spec.RevealWindow, spec.VerifyWindow }.All(w => w >= TimeSpan.FromMinutes(1) && w <= TimeSpan.FromDays(30)), "WindowOutOfRange");
        Require(spec.Reward >= 10, "RewardTooSmall");
        Require(groundTruthCommitment != default, "EmptyValue");
        var id = (ulong)_tasks.Count + 1;
        var view = new TaskView
        {
            TaskId = id,
            ProjectId = spec.ProjectId,
            Proposer = proposer,
            BaseModel = spec.BaseModel,
            TrainingSpec = spec.TrainingSpec,
            ProposedAt = clock.GetUtcNow(),
            CommitWindow = spec.CommitWindow,
            RevealWindow = spec.RevealWindow,
            CommitDeadline = Unset,
            RevealDeadline = Unset,
            VerifyDeadline = Unset,
            GroundTruthCommitment = groundTruthCommitment,
        };
        _tasks[id] = (view, spec);
        Transactions.Add($"post {id} by {proposer}");
        return id;
    }

    /// <summary>TaskContract.openCommits: the proposer any time, anyone once the commit window has passed since the proposal.</summary>
    public void OpenCommits(ulong taskId, Address caller)
    {
        var view = Read(taskId);
        Require(view.CommitDeadline == Unset && !view.Cancelled, "TaskNotInState");
        Require(caller == view.Proposer || clock.GetUtcNow() > view.ProposedAt + view.CommitWindow, "DeadlineNotReached");
        Update(taskId, view with { CommitDeadline = clock.GetUtcNow() + view.CommitWindow });
        Transactions.Add($"openCommits {taskId} by {caller}");
    }

    /// <summary>TaskContract.cancelTask by a keeper: once the proposer missed its ground-truth reveal window.</summary>
    public void Cancel(ulong taskId)
    {
        var view = Read(taskId);
        Require(view.CommitDeadline != Unset && view.GroundTruth is null && !view.Cancelled, "TaskNotInState");
        Require(clock.GetUtcNow() > view.CommitDeadline + view.RevealWindow, "DeadlineNotReached");
        Update(taskId, view with { Cancelled = true });
        Transactions.Add($"cancel {taskId}");
    }

    public void Commit(ulong taskId, Address solver, Hash32 commitment)
    {
        var view = Read(taskId);
        Require(view.CommitDeadline != Unset && view.GroundTruth is null && !view.Cancelled, "TaskNotInState");
        Require(clock.GetUtcNow() <= view.CommitDeadline, "DeadlinePassed");
        Require(solver != view.Proposer, "ProposerCannotSolve");
        Require(view.Solutions.All(s => s.Solver != solver), "SolverNotInStatus");
        Require(commitment != default, "EmptyValue");
        Require(view.Solutions.Count < 32, "TooManySolvers");
        Update(taskId, view with { Solutions = [.. view.Solutions, new SolutionView(solver, commitment, null)] });
        Transactions.Add($"commit {taskId} by {solver}");
    }

    public void RevealGroundTruth(ulong taskId, Address proposer, ContentId validationSet, Hash32 salt)
    {
        var (view, spec) = _tasks[taskId];
        var now = clock.GetUtcNow();
        Require(view.GroundTruth is null, "TaskNotInState");
        Require(proposer == view.Proposer, "NotProposer");
        Require(now > view.CommitDeadline, "DeadlineNotReached");
        Require(now <= view.CommitDeadline + spec.RevealWindow, "DeadlinePassed");
        Require(Commitment.ForGroundTruth(proposer, validationSet, salt) == view.GroundTruthCommitment, "RevealMismatch");
        Update(taskId, view with { GroundTruth = validationSet, RevealDeadline = now + spec.RevealWindow, Seed = Commitment.ForGroundTruth(proposer, validationSet, salt) });
        Transactions.Add($"reveal-gt {taskId}");
    }

    public void Reveal(ulong taskId, Address solver, ContentId delta, Hash32 salt)
    {
        var view = Read(taskId);
        Require(view.GroundTruth is not null && view.VerifyDeadline == Unset, "TaskNotInState");
        Require(clock.GetUtcNow() <= view.RevealDeadline, "DeadlinePassed");
        var mine = view.Solutions.SingleOrDefault(s => s.Solver == solver && !s.Revealed) ?? throw new InvalidOperationException("revert SolverNotInStatus");
        Require(Commitment.ForSolution(taskId, solver, delta, salt) == mine.Commitment, "RevealMismatch");
        Require(view.Solutions.All(s => s.Delta != delta), "DuplicateSolution");
        Update(taskId, view with { Solutions = [.. view.Solutions.Select(s => s.Solver == solver ? s with { Delta = delta } : s)] });
        Transactions.Add($"reveal {taskId} by {solver}");
    }

    /// <summary>TaskContract.closeReveals, anyone's duty after the reveal deadline: opens the verify window.</summary>
    public void CloseReveals(ulong taskId)
    {
        var (view, spec) = _tasks[taskId];
        var now = clock.GetUtcNow();
        Require(view.GroundTruth is not null && view.VerifyDeadline == Unset, "TaskNotInState");
        Require(now > view.RevealDeadline, "DeadlineNotReached");
        Update(taskId, view with { VerifyDeadline = now + spec.VerifyWindow, VoteRevealDeadline = now + spec.VerifyWindow + spec.VerifyWindow });
        Transactions.Add($"closeReveals {taskId}");
    }

    /// <summary>ResultsRewards.commitVote: one hidden vote per coordinator in the verify window (the fake keeps the vote itself as the commitment).</summary>
    public void CommitVote(ulong taskId, Address coordinator, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt)
    {
        var view = Read(taskId);
        Require(view.VerifyDeadline != Unset && !view.Finalized, "TaskNotInState");
        Require(clock.GetUtcNow() <= view.VerifyDeadline, "DeadlinePassed");
        Require(coordinator != view.Proposer && view.Solutions.All(s => s.Solver != coordinator), "ConflictOfInterest");
        Require(!view.VoteCommitters.Contains(coordinator), "AlreadyVoted");
        Require(view.Solutions.Any(s => s.Revealed), "NothingToScore");
        RequireWellFormed(view, scores); // ContractChain checks the batch before hashing it, as here
        _commits[(taskId, coordinator)] = VoteKey(scores, badGroundTruth, salt);
        Update(taskId, view with { VoteCommitters = [.. view.VoteCommitters, coordinator] });
        Transactions.Add($"commitVote {taskId} {coordinator}");
    }

    /// <summary>ResultsRewards.drawCommittee after the verify deadline (the fake seats every committer: equal stakes, at most 16).</summary>
    public void DrawCommittee(ulong taskId)
    {
        var view = Read(taskId);
        Require(view.VerifyDeadline != Unset && !view.Finalized, "TaskNotInState");
        Require(clock.GetUtcNow() > view.VerifyDeadline, "DeadlineNotReached");
        Require(!view.CommitteeAnchored, "CommitteeAlreadyDrawn");
        Update(taskId, view with { CommitteeAnchored = true });
        Transactions.Add($"drawCommittee {taskId}");
    }

    public bool? IsDrawn(ulong taskId, Address coordinator) =>
        Read(taskId).CommitteeAnchored ? _commits.ContainsKey((taskId, coordinator)) : null;

    /// <summary>ResultsRewards.revealVote: the committed vote, in the vote-reveal window, well-formed, a score for every revealed solution.</summary>
    public void RevealVote(ulong taskId, Address coordinator, IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt)
    {
        var view = Read(taskId);
        var now = clock.GetUtcNow();
        Require(view.VerifyDeadline != Unset && !view.Finalized, "TaskNotInState");
        Require(now > view.VerifyDeadline, "DeadlineNotReached");
        Require(now <= view.VoteRevealDeadline, "DeadlinePassed");
        Require(_commits.TryGetValue((taskId, coordinator), out var committed), "NoVoteCommitted");
        Require(!view.Voters.Contains(coordinator), "AlreadyVoted");
        Require(committed == VoteKey(scores, badGroundTruth, salt), "VoteMismatch");
        Require(view.CommitteeAnchored, "CommitteeNotDrawn");
        RequireWellFormed(view, scores);
        foreach (var score in scores)
        {
            _votes[(taskId, coordinator, score.Solver)] = (score.BasisPoints, score.Unjudgeable);
        }

        _badGroundTruth[(taskId, coordinator)] = badGroundTruth;
        Update(taskId, view with { Voters = [.. view.Voters, coordinator] });
        Transactions.Add($"revealVote {taskId} {coordinator} [{string.Join(",", scores.Select(s => s.BasisPoints))}]");
    }

    /// <summary>ResultsRewards.settleVote after finalization: once per committed vote that was not revealed.</summary>
    public void SettleVote(ulong taskId, Address coordinator)
    {
        var view = Read(taskId);
        Require(view.Finalized || view.Cancelled, "TaskNotInState");
        Require(_commits.ContainsKey((taskId, coordinator)), "NoVoteCommitted");
        Require(!view.Voters.Contains(coordinator) && _settledVotes.Add((taskId, coordinator)), "VoteSettled");
        Transactions.Add($"settleVote {taskId} {coordinator}");
    }

    private static void RequireWellFormed(TaskView view, IReadOnlyList<SolverScore> scores)
    {
        var revealed = view.Solutions.Where(s => s.Revealed).Select(s => s.Solver).ToList();
        Require(scores.Count == revealed.Count && revealed.All(r => scores.Any(s => s.Solver == r)), "ScoreCountMismatch");
        Require(scores.All(s => s.BasisPoints <= 10_000), "ScoreOutOfRange");
        Require(scores.All(s => !s.Unjudgeable || s.BasisPoints == 0), "FlaggedSolutionScored");
    }

    private static string VoteKey(IReadOnlyList<SolverScore> scores, bool badGroundTruth, Hash32 salt) =>
        $"{string.Join(",", scores.OrderBy(s => s.Solver.ToString(), StringComparer.Ordinal).Select(s => $"{s.Solver}={s.BasisPoints}/{s.Unjudgeable}"))} {badGroundTruth} {salt}";

    /// <summary>ResultsRewards.finalize after the verify deadline: the revealed solutions with a consensus above 0 that no majority flagged are accepted.</summary>
    public void Finalize(ulong taskId)
    {
        var view = Read(taskId);
        Require(view.VerifyDeadline != Unset && !view.Finalized, "TaskNotInState");
        Require(clock.GetUtcNow() > view.VoteRevealDeadline, "DeadlineNotReached");
        var voters = view.Voters.Count;
        var voided = voters > 0 && _badGroundTruth.Count(b => b.Key.Task == taskId && b.Value) * 2 > voters;
        var accepted = new List<AcceptedSolution>();
        foreach (var solution in voided ? [] : view.Solutions.Where(s => s.Delta is not null))
        {
            var votes = _votes.Where(v => v.Key.Task == taskId && v.Key.Solver == solution.Solver).Select(v => v.Value).ToArray();
            var scores = votes.Select(v => v.Score).Order().ToArray();
            var consensus = scores.Length > 0 ? scores[(scores.Length - 1) / 2] : 0; // the lower median, as the contract's
            if (consensus > 0 && votes.Count(v => v.Unjudgeable) * 2 <= voters)
            {
                accepted.Add(new AcceptedSolution(solution.Solver, solution.Delta!.Value, consensus / 10_000.0)); // revealed: checked just above
            }
        }

        Update(taskId, view with { Finalized = true, Voided = voided, Accepted = accepted });
        Transactions.Add($"finalize {taskId}");
    }

    /// <summary>Project.publishModel: once per task, with a CID and a non-zero root (like the contract, finalization is not checked).</summary>
    public void Publish(ulong taskId, ContentId model, Hash32 merkleRoot)
    {
        var view = Read(taskId);
        Require(merkleRoot != default, "EmptyModel");
        Require(view.PublishedModel is null, "ModelAlreadyPublished");
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
        [.. _tasks.Values.Where(t => t.View.ProjectId == projectId && !t.View.Finalized && !t.View.Cancelled).Select(t => t.View.TaskId)];

    private void Update(ulong taskId, TaskView view) => _tasks[taskId] = (view, _tasks[taskId].Spec);

    private static void Require(bool condition, string error)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"revert {error}");
        }
    }
}
