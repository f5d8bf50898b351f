using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Node.Tests.Adapters;

/// <summary>A task as a node's trainer or scorer sees it, for adapter tests: nothing revealed, seed zero (linked into Devnet.Tests).</summary>
internal static class TestTasks
{
    public static TaskView With(string trainingSpec) => new()
    {
        TaskId = 1,
        ProjectId = 1,
        Proposer = default,
        BaseModel = ContentId.Of("base"u8),
        TrainingSpec = trainingSpec,
        ProposedAt = DateTimeOffset.UnixEpoch,
        CommitWindow = TimeSpan.FromMinutes(1),
        RevealWindow = TimeSpan.FromMinutes(1),
        CommitDeadline = DateTimeOffset.UnixEpoch,
        RevealDeadline = DateTimeOffset.UnixEpoch,
        VerifyDeadline = DateTimeOffset.UnixEpoch,
        GroundTruthCommitment = default,
    };
}
