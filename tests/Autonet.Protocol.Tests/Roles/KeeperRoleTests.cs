using Autonet.Protocol.Roles;

namespace Autonet.Protocol.Tests.Roles;

public class KeeperRoleTests
{
    private static KeeperRole Keeper(TestNetwork network) => new(new FakeChain(network.Contract, TestNetwork.Account(400)), network.Clock);

    [Fact]
    public async Task StepAsync_EveryPhase_DoesOnlyTheDutyThatIsDue()
    {
        var network = new TestNetwork();
        var keeper = Keeper(network);
        var taskId = await network.ProposeAsync();
        foreach (var solver in network.Solvers)
        {
            await solver.StepAsync(taskId, default);
        }

        Assert.Null(await keeper.StepAsync(taskId, default)); // commits open, nothing due
        network.Clock.Advance(TestNetwork.Step);
        await network.Proposer.StepAsync(taskId, default);
        foreach (var solver in network.Solvers)
        {
            await solver.StepAsync(taskId, default);
        }

        Assert.Null(await keeper.StepAsync(taskId, default)); // reveals still open
        network.Clock.Advance(TestNetwork.Step);
        Assert.Equal(KeeperDuty.CloseReveals, await keeper.StepAsync(taskId, default));
        foreach (var coordinator in network.Coordinators)
        {
            await coordinator.StepAsync(taskId, default);
        }

        Assert.Null(await keeper.StepAsync(taskId, default)); // votes are being committed
        network.Clock.Advance(TestNetwork.Step);
        Assert.Equal(KeeperDuty.DrawCommittee, await keeper.StepAsync(taskId, default));
        Assert.Null(await keeper.StepAsync(taskId, default)); // votes are being revealed
        foreach (var coordinator in network.Coordinators)
        {
            await coordinator.StepAsync(taskId, default);
        }

        Assert.Equal(2, network.Contract.Read(taskId).Voters.Count);
        network.Clock.Advance(TestNetwork.Step);
        Assert.Equal(KeeperDuty.Finalize, await keeper.StepAsync(taskId, default));
        Assert.True(network.Contract.Read(taskId).Finalized);
        Assert.Null(await keeper.StepAsync(taskId, default)); // settled: nothing left
    }

    [Fact]
    public async Task StepAsync_ProposerNeverOpens_OpensOnceTheDelayHasPassed()
    {
        var network = new TestNetwork();
        var baseId = await network.Blobs.PutAsync(FakeCodec.Encode(network.BaseModel), default);
        var taskId = await new FakeChain(network.Contract, TestNetwork.Account(100))
            .PostTaskAsync(new Ports.TaskSpec(0, baseId, "{}", 1000, 1, TestNetwork.Window, TestNetwork.Window, TestNetwork.Window), new Core.Ids.Hash32(new byte[32] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }), default);

        Assert.Null(await Keeper(network).StepAsync(taskId, default));
        network.Clock.Advance(TestNetwork.Step);

        Assert.Equal(KeeperDuty.OpenCommits, await Keeper(network).StepAsync(taskId, default));
        Assert.NotEqual(DateTimeOffset.UnixEpoch, network.Contract.Read(taskId).CommitDeadline);
    }

    [Fact]
    public async Task StepAsync_ProposerNeverReveals_CancelsAfterItsRevealWindow()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        await network.Solvers[0].StepAsync(taskId, default);
        network.Clock.Advance(TestNetwork.Step);
        Assert.Null(await Keeper(network).StepAsync(taskId, default)); // the proposer may still reveal

        network.Clock.Advance(TestNetwork.Step);

        Assert.Equal(KeeperDuty.CancelTask, await Keeper(network).StepAsync(taskId, default));
        Assert.True(network.Contract.Read(taskId).Cancelled);
    }
}
