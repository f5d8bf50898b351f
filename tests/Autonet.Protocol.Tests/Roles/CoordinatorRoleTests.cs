using Autonet.Protocol.Roles;

namespace Autonet.Protocol.Tests.Roles;

public class CoordinatorRoleTests
{
    // Commits and reveals for every solver, then moves into the verify window.
    private static async Task<ulong> RevealAllAsync(TestNetwork network, Action? beforeVerify = null)
    {
        var taskId = await network.ProposeAsync();
        foreach (var solver in network.Solvers)
        {
            await solver.StepAsync(taskId, default);
        }

        network.Clock.Advance(TestNetwork.Step);
        await network.Proposer.StepAsync(taskId, default);
        foreach (var solver in network.Solvers)
        {
            await solver.StepAsync(taskId, default);
        }

        network.Clock.Advance(TestNetwork.Step);
        network.Contract.CloseReveals(taskId);
        beforeVerify?.Invoke();
        return taskId;
    }

    [Fact]
    public async Task StepAsync_HonestDeltas_SubmitsItsOwnScoresAsOneBatch()
    {
        var network = new TestNetwork();
        var taskId = await RevealAllAsync(network);

        var state = await network.Coordinators[0].StepAsync(taskId, default);

        Assert.Equal(3, state.Verdicts.Count);
        Assert.All(state.Verdicts, v => Assert.Equal(5000u, v.ScoreBasisPoints));
        Assert.True(state.Committed);
        Assert.Equal([TestNetwork.Account(200)], network.Contract.Read(taskId).VoteCommitters);
        Assert.Single(network.Contract.Transactions, t => t == $"commitVote {taskId} {TestNetwork.Account(200)}");
        Assert.Empty(network.Contract.Read(taskId).Voters); // hidden until the reveal
        network.Clock.Advance(TestNetwork.Step);
        Assert.False((await network.Coordinators[0].StepAsync(taskId, default)).Submitted); // the draw is not anchored yet
        network.Contract.DrawCommittee(taskId);

        state = await network.Coordinators[0].StepAsync(taskId, default);

        Assert.True(state.Submitted);
        Assert.Equal([TestNetwork.Account(200)], network.Contract.Read(taskId).Voters);
        Assert.Single(network.Contract.Transactions, t => t == $"revealVote {taskId} {TestNetwork.Account(200)} [5000,5000,5000]");
        Assert.Equal(2, network.Contract.Transactions.Count(t => t.Contains(TestNetwork.Account(200).ToString(), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task StepAsync_CrashAfterTheCommitment_RevealsWithTheSaltSavedBeforeIt()
    {
        var network = new TestNetwork();
        var taskId = await RevealAllAsync(network);
        var chain = new FakeChain(network.Contract, TestNetwork.Account(200)) { FailAfterNext = true };
        var crashing = new CoordinatorRole(chain, network.Blobs, new FakeCodec(), network.CoordinatorScorers[0], network.CoordinatorStores[0], network.Clock, 10);
        await Assert.ThrowsAsync<HttpRequestException>(() => crashing.StepAsync(taskId, default)); // committed, reply lost
        Assert.NotNull((await network.CoordinatorStores[0].LoadAsync($"coordinator/{taskId}", default))?.Salt);
        network.Clock.Advance(TestNetwork.Step);
        network.Contract.DrawCommittee(taskId);

        var restarted = network.NewCoordinator(0);
        await restarted.StepAsync(taskId, default); // finds its commitment on chain
        var state = await restarted.StepAsync(taskId, default);

        Assert.True(state.Submitted);
        Assert.Single(network.Contract.Transactions, t => t.StartsWith($"commitVote {taskId}", StringComparison.Ordinal));
        Assert.Equal([TestNetwork.Account(200)], network.Contract.Read(taskId).Voters);
    }

    [Fact]
    public async Task StepAsync_ManyDeltasOverSeveralSteps_DecodesTheBaseOnce()
    {
        var network = new TestNetwork();
        var taskId = await RevealAllAsync(network);
        network.Blobs.Unreachable = true;
        await Assert.ThrowsAsync<HttpRequestException>(() => network.Coordinators[0].StepAsync(taskId, default)); // retried next step
        network.Blobs.Unreachable = false;

        var state = await network.Coordinators[0].StepAsync(taskId, default);

        Assert.True(state.Committed);
        Assert.Equal(1, network.CoordinatorCodecs[0].ModelDecodes);
        Assert.Equal(3, network.CoordinatorScorers[0].ScoreCalls);
    }

    [Fact]
    public async Task StepAsync_UnusableValidationSet_FlagsTheGroundTruthAndStillSubmits()
    {
        var network = new TestNetwork();
        var taskId = await RevealAllAsync(network);
        var decoded = network.CoordinatorScorers[0];
        var coordinator = new CoordinatorRole(
            new FakeChain(network.Contract, TestNetwork.Account(200)), new EmptyingBlobStore(network.Blobs, network.Contract.Read(taskId).GroundTruth!.Value),
            new FakeCodec(), decoded, network.CoordinatorStores[0], network.Clock, 10);

        var state = await coordinator.StepAsync(taskId, default);

        Assert.True(state.Committed);
        Assert.EndsWith("empty validation set", state.BadGroundTruth, StringComparison.Ordinal);
        Assert.All(state.Verdicts, v => Assert.Equal(0u, v.ScoreBasisPoints));
        Assert.Equal(0, decoded.ScoreCalls);
    }

    [Fact]
    public async Task StepAsync_LostReplyAfterSubmit_FindsTheBatchOnChainAndSendsNoOther()
    {
        var network = new TestNetwork();
        var taskId = await RevealAllAsync(network);
        var chain = new FakeChain(network.Contract, TestNetwork.Account(200)) { FailAfterNext = true };
        var coordinator = new CoordinatorRole(chain, network.Blobs, new FakeCodec(), network.CoordinatorScorers[0], network.CoordinatorStores[0], network.Clock, 10);
        await Assert.ThrowsAsync<HttpRequestException>(() => coordinator.StepAsync(taskId, default));

        var state = await network.NewCoordinator(0).StepAsync(taskId, default);

        Assert.True(state.Committed);
        Assert.Single(network.Contract.Transactions, t => t.StartsWith($"commitVote {taskId}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(float.NaN, "delta value 0 is NaN; deltas must be finite")]
    [InlineData(100f, "rejected: delta norm 100 exceeds the bound 10")]
    public async Task StepAsync_BadDelta_VotesZeroWithReason(float first, string reason)
    {
        var network = new TestNetwork();
        network.SolverTrainers[1].Delta = [first, 0f, 0f, 0f];
        var taskId = await RevealAllAsync(network);

        var state = await network.Coordinators[0].StepAsync(taskId, default);

        var verdict = state.Verdicts.Single(v => v.Solver == TestNetwork.Account(1));
        Assert.Equal(0u, verdict.ScoreBasisPoints);
        Assert.EndsWith(reason, verdict.Reason, StringComparison.Ordinal);
        Assert.StartsWith("rejected: ", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepAsync_WrongShape_VotesZero()
    {
        var network = new TestNetwork();
        network.SolverTrainers[2].Delta = [1f, 2f];
        var taskId = await RevealAllAsync(network);
        var verdict = (await network.Coordinators[0].StepAsync(taskId, default)).Verdicts.Single(v => v.Solver == TestNetwork.Account(2));
        Assert.Equal(0u, verdict.ScoreBasisPoints);
        Assert.Contains(": delta has 2 values, model has 4", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepAsync_BlobBytesDoNotMatchCid_VotesZero()
    {
        var network = new TestNetwork();
        var taskId = await RevealAllAsync(network, () => { });
        network.Blobs.Corrupt(network.Contract.Read(taskId).Solutions[0].Delta!.Value);
        var verdict = (await network.Coordinators[0].StepAsync(taskId, default)).Verdicts.Single(v => v.Solver == TestNetwork.Account(0));
        Assert.Equal(0u, verdict.ScoreBasisPoints);
        Assert.Contains("does not match its CID", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 5000u, "improvement")] // one broken-off read is retried
    [InlineData(2, 0u, "rejected: delta bafkrei")] // every attempt fails while the base model came through: the delta's fault
    public async Task StepAsync_DeltaReadsBreakOff_RetriesThenVotesZero(int failures, uint score, string reason)
    {
        var network = new TestNetwork();
        var taskId = await RevealAllAsync(network);
        network.Blobs.BreakOff[network.Contract.Read(taskId).Solutions[0].Delta!.Value] = failures;

        var state = await network.Coordinators[0].StepAsync(taskId, default);

        var verdict = state.Verdicts.Single(v => v.Solver == TestNetwork.Account(0));
        Assert.Equal(score, verdict.ScoreBasisPoints);
        Assert.StartsWith(reason, verdict.Reason, StringComparison.Ordinal);
        Assert.Single(network.Contract.Read(taskId).VoteCommitters); // the others are scored too, so the batch goes out
    }

    [Fact]
    public async Task StepAsync_DeltaRepeatsOneOfThePreviousTask_FlagsItAsAReplay()
    {
        var network = new TestNetwork();
        var first = await network.ProposeAsync();
        await network.RunRoundAsync(first);
        network.SolverTrainers[0].Delta = [-0.2f, 0.1f, 0f, 0.3f]; // new work; solvers 2 and 3 resubmit task 1's deltas
        var second = await RevealAllAsync(network);

        var state = await network.Coordinators[0].StepAsync(second, default);

        Assert.False(state.Verdicts.Single(v => v.Solver == TestNetwork.Account(0)).Unjudgeable);
        foreach (var replayer in new[] { TestNetwork.Account(1), TestNetwork.Account(2) })
        {
            var verdict = state.Verdicts.Single(v => v.Solver == replayer);
            Assert.True(verdict.Unjudgeable);
            Assert.Contains($"a replay of {replayer}'s delta revealed in task {first}", verdict.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StepAsync_ScoringFails_FlagsTheDeltasAndStillVotes()
    {
        var network = new TestNetwork();
        var taskId = await RevealAllAsync(network);
        network.CoordinatorScorers[0].FailScoring = true;

        var state = await network.Coordinators[0].StepAsync(taskId, default);

        Assert.All(state.Verdicts, v => Assert.True(v.ScoreBasisPoints == 0 && v.Unjudgeable));
        Assert.All(state.Verdicts, v => Assert.Contains("failed: evaluation crashed", v.Reason, StringComparison.Ordinal));
        Assert.Single(network.Contract.Read(taskId).VoteCommitters);
    }

    [Fact]
    public async Task StepAsync_GatewayUnreachable_ThrowsAndDoesNotVote()
    {
        var network = new TestNetwork();
        var taskId = await RevealAllAsync(network);
        network.Blobs.Unreachable = true;
        await Assert.ThrowsAsync<HttpRequestException>(() => network.Coordinators[0].StepAsync(taskId, default));
        Assert.Empty(network.Contract.Read(taskId).VoteCommitters);
    }

    [Fact]
    public async Task StepAsync_BeforeRevealDeadline_DoesNothing()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        Assert.Empty((await network.Coordinators[0].StepAsync(taskId, default)).Verdicts);
    }

    [Fact]
    public async Task StepAsync_SteppedTwice_SubmitsOneBatch()
    {
        var network = new TestNetwork();
        var taskId = await RevealAllAsync(network);
        await network.Coordinators[1].StepAsync(taskId, default);
        var again = await network.Coordinators[1].StepAsync(taskId, default);
        Assert.Equal(3, again.Verdicts.Count);
        Assert.Equal(1, network.Contract.Transactions.Count(t => t.StartsWith($"commitVote {taskId}", StringComparison.Ordinal)));
    }

    // The shared store, except that one blob (the validation set) reads back empty: what a proposer that posts an
    // unusable set looks like to the scorer.
    private sealed class EmptyingBlobStore(InMemoryBlobStore inner, Autonet.Core.Ids.ContentId emptied) : Autonet.Protocol.Ports.IBlobStore
    {
        public Task<Autonet.Core.Ids.ContentId> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => inner.PutAsync(content, cancellationToken);

        public async Task<byte[]?> GetAsync(Autonet.Core.Ids.ContentId id, CancellationToken cancellationToken) =>
            id == emptied ? [] : await inner.GetAsync(id, cancellationToken);
    }
}
