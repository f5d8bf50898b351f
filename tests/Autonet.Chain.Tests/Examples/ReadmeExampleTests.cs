using Autonet.Chain.Contracts;
using Autonet.Chain.Dev;

namespace Autonet.Chain.Tests.Examples;

/// <summary>The src/Autonet.Chain/README.md example, verbatim, on its own anvil.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task Example_DeployAndStake_SolverIsActive()
    {
        var ct = CancellationToken.None;
        await using var chain = await DevChain.StartAsync(new DevChainOptions(), ct);
        using var client = await chain.ConnectAsync(ct);
        var admin = chain.DevKeys[0];
        var solver = chain.DevKeys[1];
        var system = await AutonetSystem.DeployAsync(client, admin, CompiledContract.FindOutDirectory(), new SystemOptions(), ct);
        await system.Token.TransferAsync(admin, solver.Address, Atn.Units(50), ct);
        await system.Token.ApproveAsync(solver, system.Staking.Address, Atn.Units(50), ct);
        await system.Staking.StakeAsync(solver, StakingRole.Solver, Atn.Units(50), ct);
        var split = await system.Tasks.RewardSplitAsync(Atn.Units(100), ct); // 69 / 20 / 10 / 1 ATN

        Assert.True(await system.Staking.IsActiveAsync(solver.Address, StakingRole.Solver, ct));
        Assert.True(system.DeploymentGas > 0);
        Assert.Equal(new RewardSplit(Atn.Units(69), Atn.Units(20), Atn.Units(10), Atn.Units(1)), split);
    }
}
