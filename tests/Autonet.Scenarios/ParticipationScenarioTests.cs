using System.Numerics;
using System.Security.Cryptography;
using Autonet.Chain.Contracts;
using Autonet.Core.Ids;
using Autonet.Devnet.Network;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Roles;

namespace Autonet.Scenarios;

/// <summary>
/// What `node status` reads from the chain after one real round on anvil: two solvers reveal, one commits and never
/// reveals, both coordinators vote, the task settles, one solver claims; then a slash. Time moves with evm_increaseTime.
/// </summary>
public sealed class ParticipationScenarioTests(ConformanceNetwork fixture) : IClassFixture<ConformanceNetwork>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly NetworkSetup _network = fixture.Network;

    [Fact]
    public async Task ReadAsync_AfterASettledRound_ShowsWhatEachNodeDidScoredAndEarned()
    {
        var proposer = Chain(NodeRole.Proposer).Single();
        var solvers = Chain(NodeRole.Solver).ToList();
        var coordinators = Chain(NodeRole.Coordinator).ToList();
        var keeper = Chain(NodeRole.Aggregator).Single();
        var project = (ulong)_network.ProjectId;

        var window = TimeSpan.FromHours(1);
        var spec = new TaskSpec(project, ContentId.Of("participation base"u8), """{"steps":1}""", 1000, BigInteger.Pow(10, 18), window, window, window);
        var (groundTruth, truthSalt) = (ContentId.Of(RandomNumberGenerator.GetBytes(32)), NewHash());
        var taskId = await proposer.PostTaskAsync(spec, Commitment.ForGroundTruth(proposer.Account, groundTruth, truthSalt), None);
        await proposer.OpenCommitsAsync(taskId, None);
        var deltas = new List<(ContentId Delta, Hash32 Salt)>();
        for (var i = 0; i < 3; i++)
        {
            var (delta, salt) = (ContentId.Of(RandomNumberGenerator.GetBytes(32)), NewHash());
            await solvers[i].CommitSolutionAsync(taskId, Commitment.ForSolution(taskId, solvers[i].Account, delta, salt), None);
            deltas.Add((delta, salt));
        }
        await AdvancePastAsync((await Read(proposer, taskId)).CommitDeadline);
        await proposer.RevealGroundTruthAsync(taskId, groundTruth, truthSalt, None);
        for (var i = 0; i < 2; i++)
        {
            await solvers[i].RevealSolutionAsync(taskId, deltas[i].Delta, deltas[i].Salt, None);
        }
        await AdvancePastAsync((await Read(proposer, taskId)).RevealDeadline);
        await keeper.CloseRevealsAsync(taskId, None);
        // Commit-reveal votes: every coordinator commits, past the verify deadline the keeper draws the committee (one
        // more block makes its hash readable), the drawn reveal, and past the vote-reveal deadline the task finalizes.
        SolverScore[] scores = [new SolverScore(solvers[0].Account, 7000), new SolverScore(solvers[1].Account, 0)];
        var voteSalts = coordinators.Select(_ => NewHash()).ToList();
        for (var i = 0; i < coordinators.Count; i++)
        {
            await coordinators[i].CommitVoteAsync(taskId, scores, false, voteSalts[i], None);
        }
        await AdvancePastAsync((await Read(proposer, taskId)).VerifyDeadline);
        await keeper.DrawCommitteeAsync(taskId, None);
        await Autonet.Chain.Dev.ChainControl.AdvanceTimeAsync(_network.Client, TimeSpan.FromSeconds(1), None);
        for (var i = 0; i < coordinators.Count; i++)
        {
            await coordinators[i].RevealVoteAsync(taskId, scores, false, voteSalts[i], None);
        }
        await AdvancePastAsync((await Read(proposer, taskId)).VoteRevealDeadline);
        await keeper.FinalizeAsync(taskId, None);
        var claimed = await solvers[0].ClaimAsync(taskId, None);

        var winner = await ReadAsync(solvers[0], NodeRole.Solver, taskId);
        Assert.Equal((TaskState.Settled, true, true, false, (ushort?)7000), (winner.State, winner.Committed, winner.Revealed, winner.Voted, winner.Score));
        Assert.True(winner.Reward > 0);
        Assert.Equal(claimed, winner.Claimed);
        Assert.Equal(BigInteger.Zero, winner.Unclaimed);

        var silent = await ReadAsync(solvers[2], NodeRole.Solver, taskId);
        Assert.Equal((true, false, true), (silent.Committed, silent.Revealed, silent.BondForfeited));
        Assert.Equal(BigInteger.Zero, silent.Reward);

        var voter = await ReadAsync(coordinators[0], NodeRole.Coordinator, taskId);
        Assert.True(voter.Voted);
        Assert.False(voter.Committed);
        Assert.NotNull(voter.Score); // its agreement with consensus
        Assert.Equal(voter.Reward, voter.Unclaimed); // not claimed

        var proposed = await ReadAsync(proposer, NodeRole.Proposer, taskId);
        Assert.True(proposed.Proposed);
    }

    [Fact]
    public async Task ReadAsync_Slashed_ShowsTheSlashAndTheLowerStake()
    {
        var aggregator = _network.Role(NodeRole.Aggregator).Single();
        var staking = _network.Contracts.Staking;
        var before = await Participation.ReadAsync(_network.Contracts, aggregator.Key.Address, NodeRole.Aggregator, (ulong)_network.ProjectId, None);
        await staking.SetSlasherAsync(_network.Admin, _network.Admin.Address, true, None);
        var reason = NewHash();
        await staking.SlashAsync(_network.Admin, aggregator.Key.Address, StakingRole.Aggregator, 1000, reason, None);

        var after = await Participation.ReadAsync(_network.Contracts, aggregator.Key.Address, NodeRole.Aggregator, (ulong)_network.ProjectId, None);

        Assert.Empty(before.Slashes);
        var slash = Assert.Single(after.Slashes);
        Assert.Equal((StakingRole.Aggregator, new BigInteger(1000), reason), (slash.Role, slash.Amount, slash.Reason));
        Assert.Equal(before.Stake - 1000, after.Stake);
    }

    private async Task<TaskParticipation> ReadAsync(ContractChain node, NodeRole role, ulong taskId)
    {
        var participation = await Participation.ReadAsync(_network.Contracts, node.Account, role, (ulong)_network.ProjectId, None);
        Assert.Equal(node.Account, participation.Account);
        return Assert.Single(participation.Tasks, t => t.TaskId == taskId);
    }

    private static async Task<TaskView> Read(ContractChain chain, ulong taskId) =>
        await chain.ReadTaskAsync(taskId, None) ?? throw new InvalidOperationException($"task {taskId} does not read back");

    private async Task AdvancePastAsync(DateTimeOffset deadline)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds((long)await Autonet.Chain.Dev.ChainControl.GetLatestTimestampAsync(_network.Client, None));
        var by = deadline - now + TimeSpan.FromSeconds(1);
        if (by > TimeSpan.Zero)
        {
            await Autonet.Chain.Dev.ChainControl.AdvanceTimeAsync(_network.Client, by, None);
        }
    }

    private static Hash32 NewHash() => new(RandomNumberGenerator.GetBytes(Hash32.Length));

    private IEnumerable<ContractChain> Chain(NodeRole role) => _network.Role(role).Select(n => n.Chain);
}
