using Autonet.Core.Ids;

namespace Autonet.Protocol.Tests.Roles;

public class ProposerRoleTests
{
    [Fact]
    public async Task StepAsync_CommitWindowOpen_KeepsValidationSetHidden()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        var state = await network.Proposer.StepAsync(taskId, default);
        Assert.False(state.Revealed);
        Assert.Null(network.Contract.Read(taskId).GroundTruth);
    }

    [Fact]
    public async Task StepAsync_AfterCommitDeadline_RevealsMatchingCommitment()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        network.Clock.Advance(TestNetwork.Window);

        var state = await network.Proposer.StepAsync(taskId, default);

        Assert.True(state.Revealed);
        Assert.Equal(ContentId.Of([9, 9, 9]), network.Contract.Read(taskId).GroundTruth);
        Assert.True((await network.Proposer.StepAsync(taskId, default)).Revealed); // idempotent
        Assert.Single(network.Contract.Transactions, t => t.StartsWith("reveal-gt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StepAsync_TaskProposedElsewhere_ThrowsNamingTask()
    {
        var network = new TestNetwork();
        var error = await Assert.ThrowsAsync<ProtocolException>(() => network.Proposer.StepAsync(5, default));
        Assert.Contains("no saved validation set for task 5", error.Message, StringComparison.Ordinal);
    }
}
