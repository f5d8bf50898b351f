using Autonet.Chain.Contracts;
using Autonet.Chain.Dev;
using Autonet.Core.Ids;

namespace Autonet.Chain.Tests.Anvil;

[Collection(SystemCollection.Name)]
public class StakingTests(SystemFixture fixture) : SystemTestBase(fixture)
{
    [Fact]
    public async Task Stake_SolverMinimum_ActiveThenUnstakeOnlyAfterLock()
    {
        var staking = Fixture.Contracts.Staking;
        var solver = Fixture.Solvers[0];
        Assert.Equal(Atn.Units(50), await staking.MinimumStakeAsync(StakingRole.Solver, None));
        Assert.Equal(TimeSpan.FromDays(3), await staking.LockPeriodAsync(StakingRole.Solver, None));

        var receipt = await staking.StakeAsync(solver, StakingRole.Solver, Atn.Units(50), None);
        var staked = staking.Raw.Events(receipt, "Staked").Single();
        Assert.Equal(solver.Address, staked["account"]);
        Assert.True(await staking.IsActiveAsync(solver.Address, StakingRole.Solver, None));

        var locked = await Assert.ThrowsAsync<ChainException>(() => staking.UnstakeAsync(solver, StakingRole.Solver, Atn.Units(50), None));
        Assert.Equal("StakeLocked", locked.Revert?.Name);
        Assert.Equal(solver.Address, locked.Revert?.Values[0]);

        await Fixture.Client.AdvanceTimeAsync(TimeSpan.FromDays(3) + TimeSpan.FromSeconds(1), None);
        await staking.UnstakeAsync(solver, StakingRole.Solver, Atn.Units(50), None);
        Assert.False(await staking.IsActiveAsync(solver.Address, StakingRole.Solver, None));
        Assert.Equal(Atn.Units(100_000), await Fixture.Contracts.Token.BalanceOfAsync(solver.Address, None));
    }

    [Fact]
    public async Task Stake_BelowCoordinatorMinimum_RevertsWithValues()
    {
        var error = await Assert.ThrowsAsync<ChainException>(() =>
            Fixture.Contracts.Staking.StakeAsync(Fixture.Coordinators[0], StakingRole.Coordinator, Atn.Units(499), None));
        Assert.Equal("BelowMinimumStake", error.Revert?.Name);
        Assert.Equal(new object[] { new System.Numerics.BigInteger(2), Atn.Units(499), Atn.Units(500) }, error.Revert?.Values);
        Assert.Contains("BelowMinimumStake(2, 499000000000000000000, 500000000000000000000)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slash_ByOutsider_RevertsUnauthorizedSlasher()
    {
        var staking = Fixture.Contracts.Staking;
        await staking.StakeAsync(Fixture.Solvers[1], StakingRole.Solver, Atn.Units(60), None);
        var error = await Assert.ThrowsAsync<ChainException>(() =>
            staking.SlashAsync(Fixture.Outsider, Fixture.Solvers[1].Address, StakingRole.Solver, Atn.Units(10), Hash32.Zero, None));
        Assert.Equal("UnauthorizedSlasher", error.Revert?.Name);
        Assert.Equal(Atn.Units(60), await staking.StakeOfAsync(Fixture.Solvers[1].Address, StakingRole.Solver, None));
    }

    [Fact]
    public async Task SetSlasher_ByNonOwner_RevertsOwnableUnauthorized()
    {
        var error = await Assert.ThrowsAsync<ChainException>(() =>
            Fixture.Contracts.Staking.SetSlasherAsync(Fixture.Outsider, Fixture.Outsider.Address, true, None));
        Assert.Equal("OwnableUnauthorizedAccount", error.Revert?.Name);
        Assert.Equal(Fixture.Outsider.Address, error.Revert?.Values[0]);
    }

    [Fact]
    public async Task Slash_ByAuthorisedSlasher_MovesStakeToTreasury()
    {
        var staking = Fixture.Contracts.Staking;
        var treasury = Fixture.Chain.DevKeys[1].Address;
        await staking.SetSlasherAsync(Fixture.Admin, Fixture.Planter.Address, true, None);
        await staking.StakeAsync(Fixture.Solvers[2], StakingRole.Solver, Atn.Units(80), None);
        var before = await Fixture.Contracts.Token.BalanceOfAsync(treasury, None);
        await staking.SlashAsync(Fixture.Planter, Fixture.Solvers[2].Address, StakingRole.Solver, Atn.Units(30), Hash32.Zero, None);
        Assert.Equal(Atn.Units(50), await staking.StakeOfAsync(Fixture.Solvers[2].Address, StakingRole.Solver, None));
        Assert.Equal(before + Atn.Units(30), await Fixture.Contracts.Token.BalanceOfAsync(treasury, None));
    }
}
