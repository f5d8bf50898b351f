using Autonet.Core.Ids;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Roles;

namespace Autonet.Protocol.Tests.Roles;

/// <summary>
/// Duties due before their deadline because the chain shows that everyone the phase waits for acted (TaskContract
/// revealsComplete, ResultsRewards votesComplete / votesRevealed), and only then.
/// </summary>
public class KeeperEarlyDutiesTests
{
    private static readonly DateTimeOffset T0 = new ManualClock().GetUtcNow();

    [Fact]
    public void Due_RevealsCompleteBeforeTheDeadline_CloseReveals()
    {
        var revealing = Task() with { GroundTruth = ContentId.Of([2]), RevealDeadline = T0 + TimeSpan.FromSeconds(100) };

        Assert.Null(KeeperRole.Due(revealing, T0)); // a committed solver may still reveal
        Assert.Equal(KeeperDuty.CloseReveals, KeeperRole.Due(revealing with { RevealsComplete = true }, T0));
        Assert.Equal(KeeperDuty.CloseReveals, KeeperRole.Due(revealing, T0 + TimeSpan.FromSeconds(101))); // the deadline still ends it
    }

    [Fact]
    public void Due_VotesCompleteBeforeTheVerifyDeadline_DrawCommittee_ThenVotesRevealed_Finalize()
    {
        var verifying = Verifying();

        Assert.Null(KeeperRole.Due(verifying, T0)); // a coordinator member may still commit
        Assert.Equal(KeeperDuty.DrawCommittee, KeeperRole.Due(verifying with { VotesComplete = true }, T0));
        var drawn = verifying with { CommitteeAnchored = true };
        Assert.Null(KeeperRole.Due(drawn, T0)); // drawn early: a committer may still reveal
        Assert.Equal(KeeperDuty.Finalize, KeeperRole.Due(drawn with { VotesRevealed = true }, T0));
        Assert.Equal(KeeperDuty.Finalize, KeeperRole.Due(drawn, verifying.VoteRevealDeadline + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task StepAsync_EarlyDutyWithTurns_FirstTurnSendsAtOnceTheSecondAfterOneTurn()
    {
        var participants = Enumerable.Range(0, 4).Select(TestNetwork.Account).ToList();
        var task = Verifying(participants) with { VotesComplete = true };
        var turn = TimeSpan.FromSeconds(2);
        var ranked = participants.OrderBy(a => new KeeperTurns(a, turn).TurnOf(task, nameof(KeeperDuty.DrawCommittee))).ToList();
        var clock = new ManualClock();
        var first = new KeeperRole(new ViewChain(ranked[0], task), clock, new KeeperTurns(ranked[0], turn));
        var second = new KeeperRole(new ViewChain(ranked[1], task), clock, new KeeperTurns(ranked[1], turn));

        Assert.Equal(KeeperDuty.DrawCommittee, await first.StepAsync(task.TaskId, default));
        Assert.Null(await second.StepAsync(task.TaskId, default)); // its turn comes one turn after it first saw the duty due (the first's draw not seen: a fixed view)
        clock.Advance(turn);
        Assert.Equal(KeeperDuty.DrawCommittee, await second.StepAsync(task.TaskId, default));
    }

    private static TaskView Verifying(List<Address>? participants = null) => Task(participants) with
    {
        GroundTruth = ContentId.Of([2]),
        RevealDeadline = T0 - TimeSpan.FromSeconds(10),
        VerifyDeadline = T0 + TimeSpan.FromSeconds(100),
        VoteRevealDeadline = T0 + TimeSpan.FromSeconds(200),
        VoteCommitters = [TestNetwork.Account(60), TestNetwork.Account(61)],
    };

    private static TaskView Task(List<Address>? participants = null) => new()
    {
        TaskId = 5,
        ProjectId = 1,
        Proposer = participants?[0] ?? TestNetwork.Account(0),
        BaseModel = ContentId.Of([1]),
        TrainingSpec = "{}",
        ProposedAt = T0 - TimeSpan.FromSeconds(60),
        CommitWindow = TimeSpan.FromSeconds(10),
        RevealWindow = TimeSpan.FromSeconds(10),
        CommitDeadline = T0 - TimeSpan.FromSeconds(30),
        RevealDeadline = DateTimeOffset.UnixEpoch,
        VerifyDeadline = DateTimeOffset.UnixEpoch,
        GroundTruthCommitment = Hash32.Zero,
        Solutions = [.. (participants ?? [TestNetwork.Account(1)]).Skip(1).Select(a => new SolutionView(a, Hash32.Zero, null))],
    };
}
