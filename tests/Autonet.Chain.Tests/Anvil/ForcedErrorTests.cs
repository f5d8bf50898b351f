using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Chain.Dev;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Chain.Tests.Anvil;

/// <summary>
/// A planted bad solution from a plant account registered in advance: the coordinator who scores it low is recorded as
/// catching it, the other as missing it; flagging an unregistered honest solver is refused. A plant whose account missed
/// its commit is abandoned after the votes and the task finalizes without waiting the forced-reveal grace.
/// </summary>
[Collection(SystemCollection.Name)]
public class ForcedErrorTests(SystemFixture fixture) : SystemTestBase(fixture)
{
    [Fact]
    public async Task Plant_CaughtByOneMissedByOther_RecordsBothAndRefusesAFrame()
    {
        var scenario = new TaskScenario(Fixture);
        await scenario.SetUpAsync();
        var forced = Fixture.Contracts.ForcedErrors;
        var plant = Fixture.Solvers[2];
        var salt = Keccak256.Hash("flag-salt"u8);
        var accountSalt = Keccak256.Hash("account-salt"u8);
        // Registered before the task, hidden: the commitment says nothing about which address plants.
        await forced.RegisterPlantAccountsAsync(Fixture.Planter, [ForcedErrorRegistry.PlantAccountCommitment(Fixture.Planter.Address, plant.Address, accountSalt)], None);
        await Assert.ThrowsAsync<ArgumentException>(() => forced.RegisterPlantAccountsAsync(Fixture.Planter, [], None));
        await scenario.ProposeAsync();
        // Committed before commits open, with the plant's digest: the planter cannot name an honest solution later.
        await forced.PlantAsync(Fixture.Planter, scenario.TaskId, ForcedErrorRegistry.FlagCommitment(scenario.TaskId, plant.Address, TaskScenario.CidOf(plant).Digest, salt), None);
        await scenario.OpenAsync();
        Assert.True(await forced.IsPendingAsync(scenario.TaskId, None));
        Assert.Null(await forced.RevealedForcedSolverAsync(scenario.TaskId, None));

        var outsiderPlants = await Assert.ThrowsAsync<ChainException>(() => forced.PlantAsync(Fixture.Outsider, scenario.TaskId, salt, None));
        Assert.Equal("NotPlanter", outsiderPlants.Revert?.Name);

        await SolveAsync(scenario, [.. Fixture.Solvers]);
        await scenario.VoteAsync(Fixture.Coordinators[0], [9000, 5000, 0]);
        await scenario.VoteAsync(Fixture.Coordinators[1], [8800, 5200, 9000]);
        // While votes are still hidden (once every one is revealed the plant may be revealed early: votesRevealed).
        var early = await Assert.ThrowsAsync<ChainException>(() => forced.RevealAsync(Fixture.Planter, scenario.TaskId, plant.Address, salt, accountSalt, None));
        Assert.Equal("DeadlineNotReached", early.Revert?.Name);
        await scenario.RevealVotesAsync();
        await Fixture.Client.AdvanceTimeAsync(TaskScenario.Window + TimeSpan.FromSeconds(1), None);

        var pending = await Assert.ThrowsAsync<ChainException>(() => Fixture.Contracts.Rewards.FinalizeAsync(Fixture.Outsider, scenario.TaskId, None));
        Assert.Equal("ForcedErrorPending", pending.Revert?.Name);

        var framing = await Assert.ThrowsAsync<ChainException>(() => forced.RevealAsync(Fixture.Planter, scenario.TaskId, Fixture.Solvers[0].Address, salt, accountSalt, None));
        Assert.Equal("PlantAccountNotRegistered", framing.Revert?.Name); // an honest solver is no plant account of the planter
        var wrongAccountSalt = await Assert.ThrowsAsync<ChainException>(() => forced.RevealAsync(Fixture.Planter, scenario.TaskId, plant.Address, salt, Keccak256.Hash("no"u8), None));
        Assert.Equal("PlantAccountNotRegistered", wrongAccountSalt.Revert?.Name);
        var wrongSalt = await Assert.ThrowsAsync<ChainException>(() => forced.RevealAsync(Fixture.Planter, scenario.TaskId, plant.Address, Keccak256.Hash("no"u8), accountSalt, None));
        Assert.Equal("RevealMismatch", wrongSalt.Revert?.Name);

        var receipt = await forced.RevealAsync(Fixture.Planter, scenario.TaskId, plant.Address, salt, accountSalt, None);
        Assert.Equal(Fixture.Coordinators[0].Address, forced.Raw.Events(receipt, "ForcedErrorCaught").Single()["coordinator"]);
        Assert.Equal(Fixture.Coordinators[1].Address, forced.Raw.Events(receipt, "ForcedErrorMissed").Single()["coordinator"]);
        Assert.Equal((1, 0), await RecordAsync(0));
        Assert.Equal((0, 1), await RecordAsync(1));
        Assert.False(await forced.IsPendingAsync(scenario.TaskId, None));
        Assert.Equal(plant.Address, await forced.RevealedForcedSolverAsync(scenario.TaskId, None));

        await scenario.FinalizeAsync();
        Assert.Equal(TaskState.Settled, await Fixture.Contracts.Tasks.StateOfAsync(scenario.TaskId, None));
    }

    [Fact]
    public async Task Abandon_PlantMissedItsCommit_FinalizesWithoutTheGraceAndJudgesNobody()
    {
        var (scenario, plant, digest, salt, accountSalt) = await PlantedTaskAsync();
        var forced = Fixture.Contracts.ForcedErrors;
        // The plant account misses the commit window (a loaded machine): only the two honest solvers commit.
        await SolveAsync(scenario, [.. Fixture.Solvers.Take(2)]);
        await scenario.VoteAsync(Fixture.Coordinators[0], [9000, 5000]);
        await scenario.VoteAsync(Fixture.Coordinators[1], [9000, 5000]);
        var early = await Assert.ThrowsAsync<ChainException>(() => forced.AbandonAsync(Fixture.Planter, scenario.TaskId, plant.Address, digest, salt, accountSalt, None));
        Assert.Equal("DeadlineNotReached", early.Revert?.Name); // during the votes it would tell coordinators there is no plant
        await scenario.RevealVotesAsync();
        await Fixture.Client.AdvanceTimeAsync(TaskScenario.Window + TimeSpan.FromSeconds(1), None);
        var reveal = await Assert.ThrowsAsync<ChainException>(() => forced.RevealAsync(Fixture.Planter, scenario.TaskId, plant.Address, salt, accountSalt, None));
        Assert.Equal("PlantNotRevealedInTask", reveal.Revert?.Name);
        var pending = await Assert.ThrowsAsync<ChainException>(() => Fixture.Contracts.Rewards.FinalizeAsync(Fixture.Outsider, scenario.TaskId, None));
        Assert.Equal("ForcedErrorPending", pending.Revert?.Name);
        var wrongDigest = await Assert.ThrowsAsync<ChainException>(() => forced.AbandonAsync(Fixture.Planter, scenario.TaskId, plant.Address, Keccak256.Hash("no"u8), salt, accountSalt, None));
        Assert.Equal("RevealMismatch", wrongDigest.Revert?.Name);
        var outsider = await Assert.ThrowsAsync<ChainException>(() => forced.AbandonAsync(Fixture.Outsider, scenario.TaskId, plant.Address, digest, salt, accountSalt, None));
        Assert.Equal("NotTaskPlanter", outsider.Revert?.Name);

        var receipt = await forced.AbandonAsync(Fixture.Planter, scenario.TaskId, plant.Address, digest, salt, accountSalt, None);
        Assert.Equal(plant.Address, forced.Raw.Events(receipt, "ForcedErrorAbandoned").Single()["solver"]);
        Assert.False(await forced.IsPendingAsync(scenario.TaskId, None));
        Assert.Null(await forced.RevealedForcedSolverAsync(scenario.TaskId, None));

        await scenario.FinalizeAsync(); // one window after the votes, not FORCED_REVEAL_GRACE (a day)
        Assert.Equal(TaskState.Settled, await Fixture.Contracts.Tasks.StateOfAsync(scenario.TaskId, None));
        Assert.Equal((0, 0), await RecordAsync(0));
        Assert.Equal((0, 0), await RecordAsync(1));
    }

    [Fact]
    public async Task Abandon_RevealedPlant_RefusedSoThePlanterCannotSpareAMiss()
    {
        var (scenario, plant, digest, salt, accountSalt) = await PlantedTaskAsync();
        var forced = Fixture.Contracts.ForcedErrors;
        await SolveAsync(scenario, [.. Fixture.Solvers]);
        await scenario.VoteAsync(Fixture.Coordinators[0], [9000, 5000, 0]);
        await scenario.VoteAsync(Fixture.Coordinators[1], [9000, 5000, 9000]); // misses the plant
        await scenario.RevealVotesAsync();
        await Fixture.Client.AdvanceTimeAsync(TaskScenario.Window + TimeSpan.FromSeconds(1), None);

        var spare = await Assert.ThrowsAsync<ChainException>(() => forced.AbandonAsync(Fixture.Planter, scenario.TaskId, plant.Address, digest, salt, accountSalt, None));
        Assert.Equal("PlantRevealedInTask", spare.Revert?.Name);
        Assert.True(await forced.IsPendingAsync(scenario.TaskId, None));
        await forced.RevealAsync(Fixture.Planter, scenario.TaskId, plant.Address, salt, accountSalt, None);
        Assert.Equal((0, 1), await RecordAsync(1));
    }

    // A task with commits open whose plant is solver 3, its account registered and its flag committed before the open.
    // Commits and reveals for each of the solvers, with the ground truth between, then closes the reveals.
    private static async Task SolveAsync(TaskScenario scenario, IReadOnlyList<SigningKey> solvers)
    {
        foreach (var solver in solvers)
        {
            await scenario.CommitAsync(solver);
        }
        await scenario.RevealGroundTruthAsync();
        foreach (var solver in solvers)
        {
            await scenario.RevealAsync(solver);
        }
        await scenario.CloseRevealsAsync();
    }

    private async Task<(TaskScenario Scenario, SigningKey Plant, Hash32 Digest, Hash32 Salt, Hash32 AccountSalt)> PlantedTaskAsync()
    {
        var scenario = new TaskScenario(Fixture);
        await scenario.SetUpAsync();
        var forced = Fixture.Contracts.ForcedErrors;
        var plant = Fixture.Solvers[2];
        var digest = TaskScenario.CidOf(plant).Digest;
        var salt = Keccak256.Hash("flag-salt"u8);
        var accountSalt = Keccak256.Hash("account-salt"u8);
        await forced.RegisterPlantAccountsAsync(Fixture.Planter, [ForcedErrorRegistry.PlantAccountCommitment(Fixture.Planter.Address, plant.Address, accountSalt)], None);
        await scenario.ProposeAsync();
        await forced.PlantAsync(Fixture.Planter, scenario.TaskId, ForcedErrorRegistry.FlagCommitment(scenario.TaskId, plant.Address, digest, salt), None);
        await scenario.OpenAsync();
        return (scenario, plant, digest, salt, accountSalt);
    }

    private async Task<(int Caught, int Missed)> RecordAsync(int coordinator)
    {
        var (caught, missed) = await Fixture.Contracts.ForcedErrors.RecordOfAsync(Fixture.Coordinators[coordinator].Address, None);
        return ((int)caught, (int)missed);
    }
}
