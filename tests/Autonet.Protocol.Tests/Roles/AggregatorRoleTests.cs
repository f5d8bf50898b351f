using Autonet.Protocol.Aggregation;
using Autonet.Protocol.Roles;

namespace Autonet.Protocol.Tests.Roles;

/// <summary>Full rounds over the fake contract; the published model is recomputed independently from the accepted deltas.</summary>
public class AggregatorRoleTests
{
    [Fact]
    public async Task StepAsync_FullRound_PublishesModelEqualToIndependentRecomputation()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();

        var state = await network.RunRoundAsync(taskId);

        Assert.NotNull(state);
        Assert.True(state.Published);
        var task = network.Contract.Read(taskId);
        Assert.Equal(state.Model, task.PublishedModel);
        Assert.Equal(3, task.Accepted.Count);
        Assert.Empty(state.Rejected);

        // Independent recomputation: fetch the accepted deltas by CID, FedAvg by consensus score, add to the base.
        var updates = new List<Update>();
        foreach (var accepted in task.Accepted)
        {
            updates.Add(new Update(accepted.Solver, FakeCodec.Decode((await network.Blobs.GetAsync(accepted.Delta, default))!), accepted.Score));
        }

        var aggregate = RobustAggregator.Aggregate(updates, new AggregationOptions(), AggregationBackend.Reference).Aggregate;
        var expected = network.BaseModel.Zip(aggregate, (b, d) => b + d).ToArray();
        var published = FakeCodec.Decode((await network.Blobs.GetAsync(state.Model, default))!);
        Assert.Equal(expected, published);
        Assert.Contains(network.Contract.Transactions, t => t.StartsWith($"publish {taskId}", StringComparison.Ordinal));
        Assert.Equal(state.MerkleRoot, network.Contract.RootOf(taskId)); // the root of what was placed goes on chain
        Assert.Equal(1, network.AggregatorCodec.ModelDecodes);
    }

    [Fact]
    public async Task StepAsync_NonFiniteAcceptedDelta_LeftOutByTheCodecRoundGoesOn()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        await RunRestAsync(network, taskId, () => { }, publish: false);
        var nan = await network.Blobs.PutAsync(FakeCodec.Encode([float.NaN, 0f, 0f, 0f]), default);
        network.Contract.ReplaceAccepted(taskId, TestNetwork.Account(0), nan);

        var state = await network.Aggregator.StepAsync(taskId, default);

        Assert.True(state!.Published);
        Assert.Contains("delta value 0 is NaN; deltas must be finite", Assert.Single(state.Rejected), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepAsync_AcceptedDeltaMissingFromStore_LeftOutWithReasonRoundGoesOn()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        await network.RunRoundAsync(taskId); // publishes; now replay the aggregation on a second task with a missing delta
        var second = await network.ProposeAsync();
        for (var i = 0; i < 3; i++)
        {
            network.SolverTrainers[i].Delta = [-0.2f, 0.1f * (i + 1), 0f, 0.3f]; // new work: a repeat of task 1's deltas is a replay
            await network.Solvers[i].StepAsync(second, default);
        }

        var missing = network.SolverStores[1].Saved[$"solver/{second}"].Delta;
        var state = await RunRestAsync(network, second, () => network.Blobs.Remove(missing));

        Assert.NotNull(state);
        Assert.True(state.Published);
        var reason = Assert.Single(state.Rejected);
        Assert.Contains($"delta {missing} is not available", reason, StringComparison.Ordinal);
        Assert.Equal(2, state.Outcomes.Count);
    }

    [Theory]
    [InlineData("fedavg", false)]
    [InlineData("median", true)]
    [InlineData("trimmed-mean", true)]
    public async Task StepAsync_OneSignFlippedSolver_OnlyRobustRulesStayNearHonestMean(string rule, bool robust)
    {
        var network = new TestNetwork(new AggregationOptions { Rule = AggregationRuleNames.Parse(rule), TrimPerSide = rule == "trimmed-mean" ? 1 : null });
        float[] honest0 = [0.1f, -0.1f, 0.2f, 0f];
        float[] honest1 = [0.2f, -0.1f, 0.2f, 0f];
        network.SolverTrainers[2].Delta = [.. honest1.Select(v => -10f * v)]; // norm 3: passes the coordinators' bound of 10
        var taskId = await network.ProposeAsync();

        var state = await network.RunRoundAsync(taskId);

        var published = FakeCodec.Decode((await network.Blobs.GetAsync(state!.Model, default))!);
        var moved = published.Zip(network.BaseModel, (p, b) => p - b).ToArray();
        var distance = Math.Sqrt(moved.Select((v, j) => Math.Pow(v - ((honest0[j] + honest1[j]) / 2), 2)).Sum());
        Assert.Equal(robust, distance < 0.1); // median picks an honest value per coordinate; fedavg lands ~0.9 away
    }

    [Fact]
    public async Task StepAsync_BeforeFinalization_DoesNothing()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        Assert.Null(await network.Aggregator.StepAsync(taskId, default));
        Assert.DoesNotContain(network.Contract.Transactions, t => t.StartsWith("publish", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StepAsync_KrumPreconditionFails_ThrowsNamingRule()
    {
        var network = new TestNetwork(new AggregationOptions { Rule = AggregationRule.Krum, ByzantineCount = 1 });
        var taskId = await network.ProposeAsync();
        var error = await Assert.ThrowsAsync<ProtocolException>(() => network.RunRoundAsync(taskId));
        Assert.Contains("krum: precondition n >= 2f+3", error.Message, StringComparison.Ordinal);
    }

    // Reveal phase onwards, with an action (e.g. losing a blob) just after the solvers reveal.
    private static async Task<AggregatorTaskState?> RunRestAsync(TestNetwork network, ulong taskId, Action afterReveal, bool publish = true)
    {
        foreach (var solver in network.Solvers)
        {
            await solver.StepAsync(taskId, default); // commits, unless already done
        }

        network.Clock.Advance(TestNetwork.Step);
        await network.Proposer.StepAsync(taskId, default);
        foreach (var solver in network.Solvers)
        {
            await solver.StepAsync(taskId, default);
        }

        network.Clock.Advance(TestNetwork.Step);
        network.Contract.CloseReveals(taskId);
        foreach (var coordinator in network.Coordinators)
        {
            await coordinator.StepAsync(taskId, default); // judge and commit
        }

        network.Clock.Advance(TestNetwork.Step);
        network.Contract.DrawCommittee(taskId);
        foreach (var coordinator in network.Coordinators)
        {
            await coordinator.StepAsync(taskId, default); // reveal
        }

        afterReveal();
        network.Clock.Advance(TestNetwork.Step);
        network.Contract.Finalize(taskId);
        return publish ? await network.Aggregator.StepAsync(taskId, default) : null;
    }
}
