using Autonet.Protocol.Roles;

namespace Autonet.Protocol.Tests.Roles;

public class SolverRoleTests
{
    [Fact]
    public async Task StepAsync_OpenTask_TrainsStoresAndCommitsWithSavedSalt()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();

        var state = await network.Solvers[0].StepAsync(taskId, default);

        Assert.NotNull(state);
        Assert.Equal(SolverPhase.Committed, state.Phase);
        Assert.Equal(Commitment.ForSolution(taskId, TestNetwork.Account(0), state.Delta, state.Salt), state.Commitment);
        Assert.Equal(state.Commitment, Assert.Single(network.Contract.Read(taskId).Solutions).Commitment);
        Assert.NotNull(await network.SolverHeld[0].GetAsync(state.Delta, default));
        Assert.Null(await network.Blobs.GetAsync(state.Delta, default)); // nothing of the delta is shared before the reveal
    }

    [Fact]
    public async Task StepAsync_AtReveal_PublishesTheHeldDeltaThenReveals()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        var state = await network.Solvers[0].StepAsync(taskId, default);
        network.Clock.Advance(TestNetwork.Step);
        await network.Proposer.StepAsync(taskId, default);

        await network.Solvers[0].StepAsync(taskId, default);

        Assert.Equal(await network.SolverHeld[0].GetAsync(state!.Delta, default), await network.Blobs.GetAsync(state.Delta, default));
        Assert.Equal(state.Delta, network.Contract.Read(taskId).Solutions[0].Delta);
    }

    [Fact]
    public async Task StepAsync_BeforeCommitDeadline_DoesNotRevealYet()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        await network.Solvers[0].StepAsync(taskId, default);
        var again = await network.Solvers[0].StepAsync(taskId, default);
        Assert.Equal(SolverPhase.Committed, again!.Phase);
        Assert.False(network.Contract.Read(taskId).Solutions[0].Revealed);
    }

    [Fact]
    public async Task StepAsync_ConnectionLostBeforeCommit_RestartCommitsSameDeltaWithoutRetraining()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        network.SolverChains[0].FailBeforeNext = true;
        await Assert.ThrowsAsync<HttpRequestException>(() => network.Solvers[0].StepAsync(taskId, default));
        var saved = network.SolverStores[0].Saved[$"solver/{taskId}"];
        Assert.Equal(SolverPhase.Committing, saved.Phase);

        var state = await network.NewSolver(0).StepAsync(taskId, default);

        Assert.Equal(SolverPhase.Committed, state!.Phase);
        Assert.Equal(saved.Commitment, state.Commitment);
        Assert.Equal(1, network.SolverTrainers[0].TrainCalls);
    }

    [Fact]
    public async Task StepAsync_CrashAfterCommitLanded_RestartDoesNotCommitTwice()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        network.SolverChains[0].FailAfterNext = true;
        await Assert.ThrowsAsync<HttpRequestException>(() => network.Solvers[0].StepAsync(taskId, default));

        var state = await network.NewSolver(0).StepAsync(taskId, default);

        Assert.Equal(SolverPhase.Committed, state!.Phase);
        Assert.Contains("found on chain", state.Reason, StringComparison.Ordinal);
        Assert.Single(network.Contract.Transactions, t => t.StartsWith($"commit {taskId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StepAsync_KilledBetweenCommitAndReveal_RestartRevealsInTime()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        await network.Solvers[0].StepAsync(taskId, default);
        network.Clock.Advance(TestNetwork.Step); // the process was down for the whole commit window
        await network.Proposer.StepAsync(taskId, default); // the ground truth opens the reveal window

        var state = await network.NewSolver(0).StepAsync(taskId, default);

        Assert.Equal(SolverPhase.Revealed, state!.Phase);
        Assert.Equal(state.Delta, network.Contract.Read(taskId).Solutions[0].Delta);
    }

    [Fact]
    public async Task StepAsync_RevealDeadlinePassed_MarksMissedWithReason()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        await network.Solvers[0].StepAsync(taskId, default);
        network.Clock.Advance(TestNetwork.Step);
        await network.Proposer.StepAsync(taskId, default);
        network.Clock.Advance(TestNetwork.Step); // the reveal deadline counts from the ground-truth reveal

        var state = await network.Solvers[0].StepAsync(taskId, default);

        Assert.Equal(SolverPhase.Missed, state!.Phase);
        Assert.Contains("reveal deadline", state.Reason, StringComparison.Ordinal);
        Assert.False(network.Contract.Read(taskId).Solutions[0].Revealed);
    }

    [Fact]
    public async Task StepAsync_CommitClosedGroundTruthNotRevealed_WaitsWithoutRevealing()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        await network.Solvers[0].StepAsync(taskId, default);
        network.Clock.Advance(TestNetwork.Step);

        var state = await network.Solvers[0].StepAsync(taskId, default);

        Assert.Equal(SolverPhase.Committed, state!.Phase); // TaskContract refuses reveals before the ground truth
        Assert.False(network.Contract.Read(taskId).Solutions[0].Revealed);
    }

    [Fact]
    public async Task StepAsync_TrainingFails_ThrowsAndCommitsNothing()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        network.SolverTrainers[0].FailTraining = true;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => network.Solvers[0].StepAsync(taskId, default));

        Assert.Contains("training step", error.Message, StringComparison.Ordinal);
        Assert.Empty(network.Contract.Read(taskId).Solutions);
        Assert.Empty(network.SolverStores[0].Saved);
    }

    [Fact]
    public async Task StepAsync_JoinsAfterCommitDeadline_DoesNothing()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        network.Clock.Advance(TestNetwork.Step);
        Assert.Null(await network.Solvers[0].StepAsync(taskId, default));
        Assert.Equal(0, network.SolverTrainers[0].TrainCalls);
    }

    [Fact]
    public async Task StepAsync_CommitsNotOpenYet_WaitsWithoutTrainingOrSaving()
    {
        var network = new TestNetwork();
        var baseId = await network.Blobs.PutAsync(FakeCodec.Encode(network.BaseModel), default);
        var spec = new Ports.TaskSpec(0, baseId, """{"steps":1}""", 1000, 1, TestNetwork.Window, TestNetwork.Window, TestNetwork.Window);
        var proposer = new FakeChain(network.Contract, TestNetwork.Account(9));
        var taskId = await proposer.PostTaskAsync(spec, Commitment.ForGroundTruth(TestNetwork.Account(9), baseId, default), default);

        var state = await network.Solvers[0].StepAsync(taskId, default);

        Assert.NotNull(state);
        Assert.Equal(SolverPhase.Waiting, state.Phase);
        Assert.Equal("commits not open yet", state.Reason);
        Assert.Equal(0, network.SolverTrainers[0].TrainCalls);
        Assert.Empty(network.SolverStores[0].Saved);
        await proposer.OpenCommitsAsync(taskId, default); // once open, the next step trains and commits
        Assert.Equal(SolverPhase.Committed, (await network.Solvers[0].StepAsync(taskId, default))!.Phase);
    }

    [Fact]
    public async Task StepAsync_UnknownTask_ThrowsNamingTask()
    {
        var network = new TestNetwork();
        var error = await Assert.ThrowsAsync<ProtocolException>(() => network.Solvers[0].StepAsync(77, default));
        Assert.Contains("task 77 does not exist", error.Message, StringComparison.Ordinal);
    }
}
