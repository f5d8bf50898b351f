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
        network.Clock.Advance(TestNetwork.Step);

        var state = await network.Proposer.StepAsync(taskId, default);

        Assert.True(state.Revealed);
        Assert.Equal(ContentId.Of([9, 9, 9]), network.Contract.Read(taskId).GroundTruth);
        Assert.True((await network.Proposer.StepAsync(taskId, default)).Revealed); // idempotent
        Assert.Single(network.Contract.Transactions, t => t.StartsWith("reveal-gt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StepAsync_CrashedBeforeSavingTaskId_FindsSaltByCommitmentAndReveals()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        network.ProposerStore.Saved.Remove($"proposer/{taskId}"); // as if the node died right after the post landed
        network.Clock.Advance(TestNetwork.Step);

        var state = await network.Proposer.StepAsync(taskId, default);

        Assert.True(state.Revealed);
        Assert.Equal(taskId, state.TaskId);
        Assert.Equal(ContentId.Of([9, 9, 9]), network.Contract.Read(taskId).GroundTruth);
    }

    [Fact]
    public async Task StepAsync_TaskProposedElsewhere_ThrowsNamingTask()
    {
        var network = new TestNetwork();
        var taskId = await network.ProposeAsync();
        network.ProposerStore.Saved.Clear(); // this node holds no salt for the task, under either key

        var error = await Assert.ThrowsAsync<ProtocolException>(() => network.Proposer.StepAsync(taskId, default));

        Assert.Contains($"no saved validation set for task {taskId}", error.Message, StringComparison.Ordinal);
    }
}
