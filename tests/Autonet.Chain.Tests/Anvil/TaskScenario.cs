using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Chain.Dev;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Chain.Tests.Anvil;

/// <summary>
/// Drives one task through its phases from C# against the real contracts, counting gas per step.
/// The project owner is also the proposer; windows are TaskContract.MIN_WINDOW (60 s) and time is advanced past each.
/// </summary>
internal sealed class TaskScenario(SystemFixture fixture)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly Dictionary<string, (int Count, BigInteger Gas)> _gas = [];

    public AutonetSystem Contracts => fixture.Contracts;

    public SigningKey Proposer => fixture.Owner;

    public BigInteger ProjectId { get; private set; }

    public BigInteger TaskId { get; private set; }

    public Hash32 GroundTruthSalt { get; } = Keccak256.Hash("gt-salt"u8);

    public static ContentId GroundTruthCid { get; } = ContentId.Of("ground truth"u8);

    public IReadOnlyDictionary<string, (int Count, BigInteger Gas)> Gas => _gas;

    public BigInteger TotalGas => _gas.Values.Aggregate(BigInteger.Zero, (sum, step) => sum + step.Gas);

    public int Transactions => _gas.Values.Sum(step => step.Count);

    public static Hash32 SaltOf(SigningKey solver) => Keccak256.Hash(solver.Address.ToArray());

    public static ContentId CidOf(SigningKey solver) => ContentId.Of(System.Text.Encoding.UTF8.GetBytes($"solution of {solver.Address}"));

    /// <summary>Stakes every role, creates and funds the project (not counted in the lifecycle's gas).</summary>
    public async Task SetUpAsync()
    {
        await Contracts.Staking.StakeAsync(Proposer, StakingRole.Proposer, Atn.Units(100), None);
        foreach (var solver in fixture.Solvers)
        {
            await Contracts.Staking.StakeAsync(solver, StakingRole.Solver, Atn.Units(50), None);
        }
        foreach (var coordinator in fixture.Coordinators)
        {
            await Contracts.Staking.StakeAsync(coordinator, StakingRole.Coordinator, Atn.Units(500), None);
        }
        ProjectId = await Contracts.Project.CreateProjectAsync(Proposer, "bafy-project", "", None);
        await Contracts.Project.FundAsync(Proposer, ProjectId, Atn.Units(10_000), None);
        await Contracts.Project.SetProposerAsync(Proposer, ProjectId, Proposer.Address, true, None);
    }

    /// <summary>What each solver posts with its commitment.</summary>
    public static BigInteger Bond { get; } = Atn.Units(1);

    /// <summary>The reward every scenario task offers; TaskContract splits it 289.8 / 84 / 42 / 4.2 ATN.</summary>
    public static BigInteger Reward { get; } = Atn.Units(420);

    public TaskTerms Terms() => new(
        ProjectId, "bafy-spec", TaskContract.GroundTruthCommitment(Proposer.Address, GroundTruthCid, GroundTruthSalt), Reward, Bond, Window, Window, Window);

    public async Task ProposeAndOpenAsync()
    {
        await ProposeAsync();
        await OpenAsync();
    }

    public async Task ProposeAsync()
    {
        var (taskId, receipt) = await Contracts.Tasks.ProposeTaskAsync(Proposer, Terms(), None);
        TaskId = taskId;
        Count("propose", receipt.GasUsed);
    }

    public async Task OpenAsync() => Count("open", (await Contracts.Tasks.OpenCommitsAsync(Proposer, TaskId, None)).GasUsed);

    public async Task CommitAsync(SigningKey solver) =>
        Count("commit", (await Contracts.Tasks.CommitSolutionAsync(solver, TaskId, TaskContract.SolutionCommitment(TaskId, solver.Address, CidOf(solver), SaltOf(solver)), None)).GasUsed);

    public async Task RevealGroundTruthAsync()
    {
        await fixture.Client.AdvanceTimeAsync(Window + TimeSpan.FromSeconds(1), None);
        Count("reveal ground truth", (await Contracts.Tasks.RevealGroundTruthAsync(Proposer, TaskId, GroundTruthCid, GroundTruthSalt, None)).GasUsed);
    }

    public async Task RevealAsync(SigningKey solver) =>
        Count("reveal", (await Contracts.Tasks.RevealSolutionAsync(solver, TaskId, CidOf(solver), SaltOf(solver), None)).GasUsed);

    public async Task CloseRevealsAsync()
    {
        await fixture.Client.AdvanceTimeAsync(Window + TimeSpan.FromSeconds(1), None);
        Count("close reveals", (await Contracts.Tasks.CloseRevealsAsync(fixture.Outsider, TaskId, None)).GasUsed);
    }

    /// <summary>Commits <paramref name="coordinator"/>'s hidden vote (in revealedSolvers order); <see cref="RevealVotesAsync"/> reveals it.</summary>
    public async Task VoteAsync(SigningKey coordinator, IReadOnlyList<ushort> scores)
    {
        var salt = Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes($"vote salt {coordinator.Address} {TaskId}"));
        _votes.Add((coordinator, scores, salt));
        var commitment = ResultsRewards.VoteCommitment(TaskId, coordinator.Address, scores, BigInteger.Zero, false, salt);
        Count("commit vote", (await Contracts.Rewards.CommitVoteAsync(coordinator, TaskId, commitment, None)).GasUsed);
    }

    /// <summary>Past the verify deadline: a keeper anchors the committee draw, one block later every committed vote is revealed.</summary>
    public async Task RevealVotesAsync()
    {
        await fixture.Client.AdvanceTimeAsync(Window + TimeSpan.FromSeconds(1), None);
        Count("draw committee", (await Contracts.Rewards.DrawCommitteeAsync(fixture.Outsider, TaskId, None)).GasUsed);
        await fixture.Client.AdvanceTimeAsync(TimeSpan.FromSeconds(1), None);
        foreach (var (coordinator, scores, salt) in _votes)
        {
            Count("reveal vote", (await Contracts.Rewards.RevealVoteAsync(coordinator, TaskId, scores, BigInteger.Zero, false, salt, None)).GasUsed);
        }
        _votes.Clear();
    }

    public async Task FinalizeAsync()
    {
        Count("finalize", (await Contracts.Rewards.FinalizeAsync(fixture.Outsider, TaskId, None)).GasUsed);
    }

    public async Task<BigInteger> ClaimAsync(SigningKey account)
    {
        var receipt = await Contracts.Rewards.ClaimAsync(account, TaskId, None);
        Count("claim", receipt.GasUsed);
        return (BigInteger)Contracts.Rewards.Raw.Events(receipt, "RewardClaimed").Single()["amount"];
    }

    private readonly List<(SigningKey Coordinator, IReadOnlyList<ushort> Scores, Hash32 Salt)> _votes = [];

    public void Count(string step, BigInteger gas)
    {
        var (count, total) = _gas.GetValueOrDefault(step);
        _gas[step] = (count + 1, total + gas);
    }

    public string GasReport() =>
        $"lifecycle gas: {TotalGas} in {Transactions} transactions (" +
        string.Join(", ", _gas.Select(s => $"{s.Key} {s.Value.Count}x {s.Value.Gas}")) + ")";
}
