// The IChain conformance suite: one set of tests, run against the in-memory FakeChain (Protocol.Tests) and against
// ContractChain on a real anvil with the deployed contracts (Scenarios), so the fake the role tests use cannot drift
// from the contracts. Each test asserts only what the contracts guarantee and the roles rely on; a refusal is "some
// exception" (the fake throws InvalidOperationException "revert X", the adapter ChainException or, for a batch it can
// check itself, ArgumentException). Not tested here: stakes, rewards, slashing, forced errors, cancellation.
using System.Security.Cryptography;
using System.Text;
using Autonet.Core.Ids;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Roles;

namespace Autonet.Protocol.Tests.Conformance;

/// <summary>The IChain contract tests; a subclass supplies the accounts, the clock and the keeper (the harness).</summary>
public abstract class ChainConformance
{
    /// <summary>Every phase window: long, because anvil's clock runs with wall time while a test waits on it.</summary>
    protected static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private static readonly ContentId BaseModel = ContentId.Of("conformance base model"u8);

    /// <summary>A staked proposer approved for <see cref="ProjectId"/>.</summary>
    protected abstract IChain Proposer { get; }

    /// <summary>Three staked solvers.</summary>
    protected abstract IReadOnlyList<IChain> Solvers { get; }

    /// <summary>Two coordinators with equal stakes.</summary>
    protected abstract IReadOnlyList<IChain> Coordinators { get; }

    /// <summary>A staked aggregator approved for <see cref="ProjectId"/>.</summary>
    protected abstract IChain Aggregator { get; }

    /// <summary>A funded project.</summary>
    protected abstract ulong ProjectId { get; }

    /// <summary>The chain's time: what the next transaction is checked against (at least).</summary>
    protected abstract Task<DateTimeOffset> NowAsync();

    /// <summary>Moves the chain's time strictly past <paramref name="deadline"/>.</summary>
    protected abstract Task AdvancePastAsync(DateTimeOffset deadline);

    /// <summary>The keeper's closeReveals (after the reveal deadline): opens the verify window.</summary>
    protected abstract Task CloseRevealsAsync(ulong taskId);

    /// <summary>The keeper's finalize (after the vote-reveal deadline): consensus.</summary>
    protected abstract Task FinalizeAsync(ulong taskId);

    [Fact]
    public async Task ReadTaskAsync_UnknownTask_ReturnsNull() =>
        Assert.Null(await Proposer.ReadTaskAsync(1_000_000, default));

    [Fact]
    public async Task PostTaskAsync_NewTask_ReadsBackTermsWithoutGroundTruthOrSolutions()
    {
        var before = await NowAsync();

        var task = await PostAsync();

        var view = await ReadAsync(task.Id);
        Assert.Equal(task.Id, view.TaskId);
        Assert.Equal(ProjectId, view.ProjectId);
        Assert.Equal(Proposer.Account, view.Proposer);
        Assert.Equal(BaseModel, view.BaseModel);
        Assert.Equal(task.Spec.TrainingSpec, view.TrainingSpec);
        Assert.Equal(task.Commitment, view.GroundTruthCommitment);
        Assert.InRange(view.CommitDeadline, before + Window - TimeSpan.FromSeconds(1), before + Window + TimeSpan.FromMinutes(5));
        Assert.True(view.RevealDeadline < view.CommitDeadline, "the reveal deadline is set by the ground-truth reveal");
        Assert.True(view.VerifyDeadline < view.CommitDeadline, "the verify deadline is set by closeReveals");
        Assert.Null(view.GroundTruth);
        Assert.Empty(view.Solutions);
        Assert.Empty(view.Voters);
        Assert.Empty(view.Accepted);
        Assert.False(view.Finalized);
        Assert.Null(view.PublishedModel);
        Assert.Contains(task.Id, await Proposer.ListActiveTasksAsync(ProjectId, default));
    }

    [Fact]
    public async Task CommitSolutionAsync_FirstCommit_ShowsCommitmentNotRevealed()
    {
        var task = await PostAsync();

        var solution = await CommitAsync(task.Id, 0);

        var mine = Assert.Single((await ReadAsync(task.Id)).Solutions);
        Assert.Equal(new SolutionView(Solvers[0].Account, solution.Commitment, null), mine);
    }

    [Fact]
    public async Task CommitSolutionAsync_SecondCommitBySameSolver_IsRefused()
    {
        var task = await PostAsync();
        var first = await CommitAsync(task.Id, 0);

        await RefusedAsync(() => Solvers[0].CommitSolutionAsync(task.Id, NewHash(), default));

        Assert.Equal(first.Commitment, Assert.Single((await ReadAsync(task.Id)).Solutions).Commitment);
    }

    [Fact]
    public async Task CommitSolutionAsync_AfterCommitDeadline_IsRefused()
    {
        var task = await PostAsync();
        await AdvancePastAsync((await ReadAsync(task.Id)).CommitDeadline);

        await RefusedAsync(() => Solvers[0].CommitSolutionAsync(task.Id, NewHash(), default));

        Assert.Empty((await ReadAsync(task.Id)).Solutions);
    }

    [Fact]
    public async Task RevealGroundTruthAsync_BeforeCommitDeadline_IsRefused()
    {
        var task = await PostAsync();

        await RefusedAsync(() => Proposer.RevealGroundTruthAsync(task.Id, task.GroundTruth, task.Salt, default));

        Assert.Null((await ReadAsync(task.Id)).GroundTruth);
    }

    [Fact]
    public async Task RevealGroundTruthAsync_WrongSalt_IsRefused()
    {
        var task = await PostAsync();
        await AdvancePastAsync((await ReadAsync(task.Id)).CommitDeadline);

        await RefusedAsync(() => Proposer.RevealGroundTruthAsync(task.Id, task.GroundTruth, NewHash(), default));

        Assert.Null((await ReadAsync(task.Id)).GroundTruth);
    }

    [Fact]
    public async Task RevealGroundTruthAsync_AfterCommitDeadline_SetsGroundTruthAndRevealDeadline()
    {
        var task = await PostAsync();
        var committed = await ReadAsync(task.Id);
        await AdvancePastAsync(committed.CommitDeadline);

        await Proposer.RevealGroundTruthAsync(task.Id, task.GroundTruth, task.Salt, default);

        var view = await ReadAsync(task.Id);
        Assert.Equal(task.GroundTruth, view.GroundTruth);
        Assert.Equal(committed.CommitDeadline, view.CommitDeadline);
        Assert.True(view.RevealDeadline > view.CommitDeadline, $"reveal deadline {view.RevealDeadline:O} after commit deadline {view.CommitDeadline:O}");
    }

    [Fact]
    public async Task RevealSolutionAsync_WrongSalt_IsRefused()
    {
        var task = await PostAsync();
        var solution = await CommitAsync(task.Id, 0);
        await RevealGroundTruthAsync(task);

        await RefusedAsync(() => Solvers[0].RevealSolutionAsync(task.Id, solution.Delta, NewHash(), default));

        Assert.False(Assert.Single((await ReadAsync(task.Id)).Solutions).Revealed);
    }

    [Fact]
    public async Task RevealSolutionAsync_RightSalt_MarksRevealedWithDelta()
    {
        var task = await PostAsync();
        var solution = await CommitAsync(task.Id, 0);
        await RevealGroundTruthAsync(task);

        await Solvers[0].RevealSolutionAsync(task.Id, solution.Delta, solution.Salt, default);

        Assert.Equal(new SolutionView(Solvers[0].Account, solution.Commitment, solution.Delta), Assert.Single((await ReadAsync(task.Id)).Solutions));
    }

    [Fact]
    public async Task CommitVoteAsync_BatchMissingRevealedSolver_IsRefused()
    {
        var taskId = await VerifyingAsync(revealing: 2);

        await RefusedAsync(() => Coordinators[0].CommitVoteAsync(taskId, [new SolverScore(Solvers[0].Account, 5000)], false, NewHash(), default));

        Assert.Empty((await ReadAsync(taskId)).VoteCommitters);
    }

    [Fact]
    public async Task RevealVoteAsync_FullBatchInAnyOrderAfterTheDraw_AddsCoordinatorToVoters()
    {
        var taskId = await VerifyingAsync(revealing: 2);
        var view = await ReadAsync(taskId);
        Assert.True(view.VerifyDeadline > view.RevealDeadline, $"verify deadline {view.VerifyDeadline:O} after reveal deadline {view.RevealDeadline:O}");
        var salt = NewHash();
        SolverScore[] scores = [new(Solvers[1].Account, 4000), new(Solvers[0].Account, 6000)];

        await Coordinators[0].CommitVoteAsync(taskId, scores, false, salt, default);
        Assert.Equal([Coordinators[0].Account], (await ReadAsync(taskId)).VoteCommitters);
        Assert.Empty((await ReadAsync(taskId)).Voters);
        await RefusedAsync(() => Coordinators[0].RevealVoteAsync(taskId, scores, false, salt, default)); // still the verify window
        Assert.Null(await Coordinators[0].IsDrawnAsync(taskId, default));
        await DrawAsync(taskId);
        Assert.True(await Coordinators[0].IsDrawnAsync(taskId, default));
        await Coordinators[0].RevealVoteAsync(taskId, scores, false, salt, default);

        Assert.Equal([Coordinators[0].Account], (await ReadAsync(taskId)).Voters);
    }

    [Fact]
    public async Task RevealVoteAsync_OtherScoresOrSaltThanCommitted_IsRefused()
    {
        var taskId = await VerifyingAsync(revealing: 1);
        var salt = NewHash();
        await Coordinators[0].CommitVoteAsync(taskId, [new SolverScore(Solvers[0].Account, 6000)], false, salt, default);
        await DrawAsync(taskId);

        await RefusedAsync(() => Coordinators[0].RevealVoteAsync(taskId, [new SolverScore(Solvers[0].Account, 6001)], false, salt, default));
        await RefusedAsync(() => Coordinators[0].RevealVoteAsync(taskId, [new SolverScore(Solvers[0].Account, 6000)], true, salt, default));
        await RefusedAsync(() => Coordinators[0].RevealVoteAsync(taskId, [new SolverScore(Solvers[0].Account, 6000)], false, NewHash(), default));
        await RefusedAsync(() => Coordinators[1].RevealVoteAsync(taskId, [new SolverScore(Solvers[0].Account, 6000)], false, salt, default)); // never committed

        Assert.Empty((await ReadAsync(taskId)).Voters);
    }

    [Fact]
    public async Task CommitVoteAsync_SecondCommitment_IsRefused()
    {
        var taskId = await VerifyingAsync(revealing: 1);
        await Coordinators[0].CommitVoteAsync(taskId, [new SolverScore(Solvers[0].Account, 6000)], false, NewHash(), default);

        await RefusedAsync(() => Coordinators[0].CommitVoteAsync(taskId, [new SolverScore(Solvers[0].Account, 7000)], false, NewHash(), default));

        Assert.Equal([Coordinators[0].Account], (await ReadAsync(taskId)).VoteCommitters);
    }

    [Fact]
    public async Task OpenCommitsAsync_ByAnyoneBeforeTheDelay_IsRefusedAndAfterItOpens()
    {
        var task = await PostUnopenedAsync();
        var view = await ReadAsync(task.Id);
        Assert.Equal(DateTimeOffset.UnixEpoch, view.CommitDeadline);

        await RefusedAsync(() => Coordinators[0].OpenCommitsAsync(task.Id, default));
        await AdvancePastAsync(view.ProposedAt + view.CommitWindow);
        await Coordinators[0].OpenCommitsAsync(task.Id, default);

        Assert.True((await ReadAsync(task.Id)).CommitDeadline > view.ProposedAt + view.CommitWindow);
    }

    [Fact]
    public async Task CancelTaskAsync_AfterAMissedGroundTruthReveal_CancelsTheTask()
    {
        var task = await PostAsync();
        await CommitAsync(task.Id, 0);
        var view = await ReadAsync(task.Id);
        await AdvancePastAsync(view.CommitDeadline);
        await RefusedAsync(() => Coordinators[0].CancelTaskAsync(task.Id, default)); // the proposer may still reveal

        await AdvancePastAsync(view.CommitDeadline + view.RevealWindow);
        await Coordinators[0].CancelTaskAsync(task.Id, default);

        Assert.True((await ReadAsync(task.Id)).Cancelled);
        Assert.DoesNotContain(task.Id, await Proposer.ListActiveTasksAsync(ProjectId, default));
        await RefusedAsync(() => Proposer.RevealGroundTruthAsync(task.Id, task.GroundTruth, task.Salt, default));
    }

    [Fact]
    public async Task RevealSolutionAsync_ADigestAnotherSolverRevealed_IsRefused()
    {
        var task = await PostAsync();
        var delta = ContentId.Of(NewHash().ToArray());
        var salts = new[] { NewHash(), NewHash() };
        for (var i = 0; i < 2; i++)
        {
            await Solvers[i].CommitSolutionAsync(task.Id, Commitment.ForSolution(task.Id, Solvers[i].Account, delta, salts[i]), default);
        }
        await RevealGroundTruthAsync(task);

        await Solvers[0].RevealSolutionAsync(task.Id, delta, salts[0], default);
        await RefusedAsync(() => Solvers[1].RevealSolutionAsync(task.Id, delta, salts[1], default));

        Assert.Equal([true, false], (await ReadAsync(task.Id)).Solutions.Select(s => s.Revealed));
    }

    [Fact]
    public async Task CommitVoteAsync_AFlaggedSolutionWithAScore_IsRefused()
    {
        var taskId = await VerifyingAsync(revealing: 1);

        await RefusedAsync(() => Coordinators[0].CommitVoteAsync(taskId, [new SolverScore(Solvers[0].Account, 10, Unjudgeable: true)], false, NewHash(), default));

        Assert.Empty((await ReadAsync(taskId)).VoteCommitters);
    }

    [Fact]
    public async Task FinalizeAsync_MajorityFlagsTheGroundTruth_VoidsTheTaskAndAcceptsNothing()
    {
        var taskId = await VerifyingAsync(revealing: 1);
        await VoteAllAsync(taskId, [new SolverScore(Solvers[0].Account, 0)], true);

        await FinalizeAsync(taskId);

        var view = await ReadAsync(taskId);
        Assert.True(view.Finalized && view.Voided);
        Assert.Empty(view.Accepted);
    }

    [Fact]
    public async Task FinalizeAsync_MajorityFlagsASolution_LeavesItOut()
    {
        var taskId = await VerifyingAsync(revealing: 2);
        await VoteAllAsync(taskId, [new SolverScore(Solvers[0].Account, 0, Unjudgeable: true), new SolverScore(Solvers[1].Account, 300)], false);

        await FinalizeAsync(taskId);

        var view = await ReadAsync(taskId);
        Assert.False(view.Voided);
        Assert.Equal([Solvers[1].Account], view.Accepted.Select(a => a.Solver));
    }

    [Fact]
    public async Task FinalizeAsync_EqualVotes_AcceptsEachImprovingSolverWithThatScore()
    {
        // Solvers 1 and 2 reveal, solver 3 commits and never reveals; both coordinators give 7000 and 0.
        var task = await PostAsync();
        var solutions = new List<Solution>();
        for (var i = 0; i < 3; i++)
        {
            solutions.Add(await CommitAsync(task.Id, i));
        }

        await RevealGroundTruthAsync(task);
        for (var i = 0; i < 2; i++)
        {
            await Solvers[i].RevealSolutionAsync(task.Id, solutions[i].Delta, solutions[i].Salt, default);
        }

        await CloseAsync(task.Id);
        await VoteAllAsync(task.Id, [new SolverScore(Solvers[0].Account, 7000), new SolverScore(Solvers[1].Account, 0)], false);

        await FinalizeAsync(task.Id);

        var view = await ReadAsync(task.Id);
        Assert.True(view.Finalized);
        // The solution scored 0 (no improvement) is not accepted: it earns nothing and weighs nothing in aggregation.
        Assert.Equal([new AcceptedSolution(Solvers[0].Account, solutions[0].Delta, 0.7)], view.Accepted);
        Assert.DoesNotContain(task.Id, await Proposer.ListActiveTasksAsync(ProjectId, default));
    }

    [Fact]
    public async Task PublishModelAsync_FinalizedTask_SetsPublishedModel()
    {
        var taskId = await FinalizedAsync();
        var model = ContentId.Of(Encoding.UTF8.GetBytes($"model of task {taskId}"));

        await Aggregator.PublishModelAsync(taskId, model, NewHash(), default);

        Assert.Equal(model, (await ReadAsync(taskId)).PublishedModel);
    }

    [Fact]
    public async Task PublishModelAsync_SecondPublishForSameTask_IsRefused()
    {
        var taskId = await FinalizedAsync();
        var model = ContentId.Of(Encoding.UTF8.GetBytes($"model of task {taskId}"));
        await Aggregator.PublishModelAsync(taskId, model, NewHash(), default);

        await RefusedAsync(() => Aggregator.PublishModelAsync(taskId, ContentId.Of("another model"u8), NewHash(), default));

        Assert.Equal(model, (await ReadAsync(taskId)).PublishedModel);
    }

    private static Hash32 NewHash() => new(RandomNumberGenerator.GetBytes(Hash32.Length));

    private static async Task RefusedAsync(Func<Task> transaction) => await Assert.ThrowsAnyAsync<Exception>(transaction);

    private async Task<TaskView> ReadAsync(ulong taskId) =>
        await Proposer.ReadTaskAsync(taskId, default) ?? throw new InvalidOperationException($"task {taskId} does not read back");

    private async Task<Posted> PostAsync()
    {
        var posted = await PostUnopenedAsync();
        await Proposer.OpenCommitsAsync(posted.Id, default);
        return posted;
    }

    private async Task<Posted> PostUnopenedAsync()
    {
        var spec = new TaskSpec(ProjectId, BaseModel, """{"steps":1}""", 1000, System.Numerics.BigInteger.Pow(10, 18), Window, Window, Window);
        var groundTruth = ContentId.Of(NewHash().ToArray());
        var salt = NewHash();
        var commitment = Commitment.ForGroundTruth(Proposer.Account, groundTruth, salt);
        var id = await Proposer.PostTaskAsync(spec, commitment, default);
        return new Posted(id, spec, groundTruth, salt, commitment);
    }

    private async Task<Solution> CommitAsync(ulong taskId, int solver)
    {
        var delta = ContentId.Of(NewHash().ToArray());
        var salt = NewHash();
        var commitment = Commitment.ForSolution(taskId, Solvers[solver].Account, delta, salt);
        await Solvers[solver].CommitSolutionAsync(taskId, commitment, default);
        return new Solution(delta, salt, commitment);
    }

    private async Task RevealGroundTruthAsync(Posted task)
    {
        await AdvancePastAsync((await ReadAsync(task.Id)).CommitDeadline);
        await Proposer.RevealGroundTruthAsync(task.Id, task.GroundTruth, task.Salt, default);
    }

    private async Task CloseAsync(ulong taskId)
    {
        await AdvancePastAsync((await ReadAsync(taskId)).RevealDeadline);
        await CloseRevealsAsync(taskId);
    }

    // A task whose first `revealing` solvers committed and revealed, in its verify window.
    private async Task<ulong> VerifyingAsync(int revealing)
    {
        var task = await PostAsync();
        var solutions = new List<Solution>();
        for (var i = 0; i < revealing; i++)
        {
            solutions.Add(await CommitAsync(task.Id, i));
        }

        await RevealGroundTruthAsync(task);
        for (var i = 0; i < revealing; i++)
        {
            await Solvers[i].RevealSolutionAsync(task.Id, solutions[i].Delta, solutions[i].Salt, default);
        }

        await CloseAsync(task.Id);
        return task.Id;
    }

    // A finalized task with one solution and one vote: the fewest transactions to a publishable task.
    private async Task<ulong> FinalizedAsync()
    {
        var taskId = await VerifyingAsync(revealing: 1);
        await VoteAllAsync(taskId, [new SolverScore(Solvers[0].Account, 5000)], false, Coordinators.Take(1));
        await FinalizeAsync(taskId);
        return taskId;
    }

    // Every coordinator (or `voters`) commits the same vote, the keeper draws the committee, each reveals; then the
    // chain's time is past the vote-reveal deadline, so the task can be finalized.
    private async Task VoteAllAsync(ulong taskId, IReadOnlyList<SolverScore> scores, bool badGroundTruth, IEnumerable<IChain>? voters = null)
    {
        var salts = new List<(IChain Coordinator, Hash32 Salt)>();
        foreach (var coordinator in voters ?? Coordinators)
        {
            salts.Add((coordinator, NewHash()));
            await coordinator.CommitVoteAsync(taskId, scores, badGroundTruth, salts[^1].Salt, default);
        }
        await DrawAsync(taskId);
        foreach (var (coordinator, salt) in salts)
        {
            await coordinator.RevealVoteAsync(taskId, scores, badGroundTruth, salt, default);
        }
        await AdvancePastAsync((await ReadAsync(taskId)).VoteRevealDeadline);
    }

    // Past the verify deadline, the keeper anchors the committee draw, and one more block makes its hash readable.
    private async Task DrawAsync(ulong taskId)
    {
        await AdvancePastAsync((await ReadAsync(taskId)).VerifyDeadline);
        await Aggregator.DrawCommitteeAsync(taskId, default);
        await AdvancePastAsync(await NowAsync());
    }

    private sealed record Posted(ulong Id, TaskSpec Spec, ContentId GroundTruth, Hash32 Salt, Hash32 Commitment);

    private sealed record Solution(ContentId Delta, Hash32 Salt, Hash32 Commitment);
}
