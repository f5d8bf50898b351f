using Autonet.Devnet.Faults;
using Autonet.Devnet.Network;

namespace Autonet.Devnet.Tests.Examples;

/// <summary>src/Autonet.Devnet/README.md's options, compiled and checked (running them needs anvil: tests/Autonet.Scenarios).</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void Options_ReadmeFaults_ValidAndGivenInSolverOrder()
    {
        var options = new NetworkOptions { Home = "/tmp/an", Rounds = 1, SolverFaults = [null, SolverAttack.SignFlip, SolverFault.Copy] };

        options.Validate();

        Assert.Null(options.FaultOf(0));
        Assert.Equal(SolverAttack.SignFlip, options.FaultOf(1)!.Attack);
        Assert.Equal(SolverFault.Copy, options.FaultOf(2)!.Fault);
    }
}
