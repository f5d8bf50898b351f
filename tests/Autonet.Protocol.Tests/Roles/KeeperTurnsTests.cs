using Autonet.Core.Ids;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Roles;

namespace Autonet.Protocol.Tests.Roles;

/// <summary>Keeper turns: unique per task and duty among its participants, and two keepers on one due duty send it once.</summary>
public class KeeperTurnsTests
{
    private static readonly TimeSpan Turn = TimeSpan.FromSeconds(2);

    [Fact]
    public void TurnOf_EveryParticipant_TurnsAreAPermutationThatChangesWithTaskAndDuty()
    {
        var participants = Enumerable.Range(0, 9).Select(TestNetwork.Account).ToList();
        var firsts = new HashSet<Address>();
        for (ulong taskId = 1; taskId <= 40; taskId++)
        {
            foreach (var duty in new[] { "CloseReveals", "Finalize" })
            {
                var task = TaskWith(taskId, participants);
                var turns = participants.Select(a => new KeeperTurns(a, Turn).TurnOf(task, duty)).ToList();
                Assert.Equal(Enumerable.Range(0, participants.Count), turns.Order()); // no two participants share a turn
                firsts.Add(participants[turns.IndexOf(0)]);
            }
        }
        Assert.True(firsts.Count >= 6, $"the first turn went to only {firsts.Count} of 9 participants over 80 duties"); // the load spreads
    }

    [Fact]
    public void TurnOf_NodeOutsideTheTask_WaitsForEveryParticipantFirst()
    {
        var participants = Enumerable.Range(0, 4).Select(TestNetwork.Account).ToList();
        var task = TaskWith(7, participants);

        var outsider = new KeeperTurns(TestNetwork.Account(50), Turn).TurnOf(task, "CloseReveals");

        Assert.InRange(outsider, participants.Count, participants.Count + KeeperTurns.OutsiderSpread - 1);
    }

    [Fact]
    public void Constructor_NegativeTurn_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new KeeperTurns(TestNetwork.Account(1), TimeSpan.FromSeconds(-1)));
        Assert.Equal("turn", error.ParamName);
    }

    [Fact]
    public async Task StepAsync_TwoKeepersSeeCloseRevealsDue_OnlyTheFirstTurnSendsIt()
    {
        var (network, taskId) = await RevealedAsync();
        var task = network.Contract.Read(taskId);
        var keepers = new[] { 0, 1 }.Select(i => (Account: TestNetwork.Account(i), Turn: new KeeperTurns(TestNetwork.Account(i), Turn).TurnOf(task, "CloseReveals"))).ToList();
        var refused = 0;
        var roles = keepers.Select(k => new KeeperRole(new FakeChain(network.Contract, k.Account), network.Clock, new KeeperTurns(k.Account, Turn)) { Refused = (_, _, _) => refused++ }).ToList();
        var sent = new List<Address>();

        for (var tick = 0; tick < 12; tick++) // the reveal deadline passed: both see closeReveals due, tick after tick
        {
            foreach (var k in Enumerable.Range(0, roles.Count).OrderByDescending(k => keepers[k].Turn)) // the later turn looks first
            {
                if (await roles[k].StepAsync(taskId, default) == KeeperDuty.CloseReveals)
                {
                    sent.Add(keepers[k].Account);
                }
            }
            network.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(keepers.MinBy(k => k.Turn).Account, Assert.Single(sent)); // one transaction, from the first turn
        Assert.Equal(0, refused); // the later turn read the chain again and found nothing due
        Assert.NotEqual(DateTimeOffset.UnixEpoch, network.Contract.Read(taskId).VerifyDeadline);
    }

    [Fact]
    public async Task StepAsync_FirstTurnAbsent_TheNextTurnSendsAfterItsWait()
    {
        var (network, taskId) = await RevealedAsync();
        var task = network.Contract.Read(taskId);
        var late = Enumerable.Range(0, 3).Select(TestNetwork.Account).First(a => new KeeperTurns(a, Turn).TurnOf(task, "CloseReveals") == 1);
        var keeper = new KeeperRole(new FakeChain(network.Contract, late), network.Clock, new KeeperTurns(late, Turn));
        var due = KeeperRole.DueAfter(task, KeeperDuty.CloseReveals);
        while (network.Clock.GetUtcNow() <= due + Turn)
        {
            Assert.Null(await keeper.StepAsync(taskId, default)); // turn 0's time: waiting
            network.Clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        Assert.Equal(KeeperDuty.CloseReveals, await keeper.StepAsync(taskId, default));
    }

    [Fact]
    public async Task StepAsync_RefusedAtItsTurn_WaitsItsTurnAgainFromTheRefusal()
    {
        var (network, taskId) = await RevealedAsync();
        var task = network.Contract.Read(taskId);
        var late = Enumerable.Range(0, 3).Select(TestNetwork.Account).First(a => new KeeperTurns(a, Turn).TurnOf(task, "CloseReveals") == 1);
        var chain = new FakeChain(network.Contract, late);
        var refused = 0;
        var keeper = new KeeperRole(chain, network.Clock, new KeeperTurns(late, Turn)) { Refused = (_, _, _) => refused++ };
        network.Clock.Advance(Turn);
        chain.FailBeforeNext = true; // the chain refuses it this once (e.g. not possible yet)
        Assert.Null(await keeper.StepAsync(taskId, default));
        Assert.Equal(1, refused);

        network.Clock.Advance(Turn / 2);
        Assert.Null(await keeper.StepAsync(taskId, default)); // one turn from the refusal has not passed: it does not send again yet
        network.Clock.Advance(Turn);
        Assert.Equal(KeeperDuty.CloseReveals, await keeper.StepAsync(taskId, default));
        Assert.Equal(1, refused);
    }

    // A task whose solvers revealed, just past its reveal deadline (closeReveals due).
    private static async Task<(TestNetwork Network, ulong TaskId)> RevealedAsync()
    {
        var network = new TestNetwork();
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
        var deadline = network.Contract.Read(taskId).RevealDeadline;
        network.Clock.Advance(deadline - network.Clock.GetUtcNow() + TimeSpan.FromMilliseconds(100));
        return (network, taskId);
    }

    private static TaskView TaskWith(ulong taskId, List<Address> participants) => new()
    {
        TaskId = taskId,
        ProjectId = 1,
        Proposer = participants[0],
        BaseModel = ContentId.Of([1]),
        TrainingSpec = "{}",
        ProposedAt = DateTimeOffset.UnixEpoch,
        CommitWindow = TimeSpan.FromSeconds(10),
        RevealWindow = TimeSpan.FromSeconds(10),
        CommitDeadline = DateTimeOffset.UnixEpoch,
        RevealDeadline = DateTimeOffset.UnixEpoch,
        VerifyDeadline = DateTimeOffset.UnixEpoch,
        GroundTruthCommitment = Hash32.Zero,
        Solutions = [.. participants.Skip(1).Select(a => new SolutionView(a, Hash32.Zero, null))],
    };
}
