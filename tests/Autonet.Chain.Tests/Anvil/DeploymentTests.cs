using Autonet.Chain.Contracts;

namespace Autonet.Chain.Tests.Anvil;

[Collection(SystemCollection.Name)]
public class DeploymentTests(SystemFixture fixture) : SystemTestBase(fixture)
{
    [Fact]
    public async Task AttachAsync_Deployment_BindsSameContracts()
    {
        var attached = await AutonetSystem.AttachAsync(Fixture.Client, Fixture.Contracts.Deployment, Fixture.OutDirectory, None);
        Assert.Equal(Atn.Units(10_000_000), await attached.Token.TotalSupplyAsync(None));
        Assert.Equal(11, Fixture.Contracts.Deployment.ByName.Values.Distinct().Count());
    }

    [Fact]
    public async Task AttachAsync_OtherChainId_Throws()
    {
        var wrong = Fixture.Contracts.Deployment with { ChainId = 1 };
        var error = await Assert.ThrowsAsync<ChainException>(() => AutonetSystem.AttachAsync(Fixture.Client, wrong, Fixture.OutDirectory, None));
        Assert.Contains("deployment is for chain id 1, but the node reports 31337", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttachAsync_AddressWithoutCode_Throws()
    {
        var wrong = Fixture.Contracts.Deployment with { Project = Fixture.Outsider.Address };
        var error = await Assert.ThrowsAsync<ChainException>(() => AutonetSystem.AttachAsync(Fixture.Client, wrong, Fixture.OutDirectory, None));
        Assert.Contains("Project at", error.Message, StringComparison.Ordinal);
        Assert.Contains("has no code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingContract_SaysHowToCompile()
    {
        var error = Assert.Throws<ChainException>(() => CompiledContract.Load(Fixture.OutDirectory, "NoSuchContract"));
        Assert.Contains("npm run compile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_TransferMoreThanBalance_RevertsWithOpenZeppelinError()
    {
        var error = await Assert.ThrowsAsync<ChainException>(() =>
            Fixture.Contracts.Token.TransferAsync(Fixture.Outsider, Fixture.Owner.Address, Atn.Units(100_001), None));
        Assert.Equal("ERC20InsufficientBalance", error.Revert?.Name);
        Assert.Equal(Atn.Units(100_000), error.Revert?.Values[1]);
    }

    [Fact]
    public void DeploymentJson_WriteThenParse_RoundTrips()
    {
        var json = DeploymentJson.Write(Fixture.Contracts.Deployment);
        Assert.Equal(Fixture.Contracts.Deployment, DeploymentJson.Parse(json));
        var broken = json.Replace("\"Project\"", "\"Projekt\"", StringComparison.Ordinal);
        var error = Assert.Throws<FormatException>(() => DeploymentJson.Parse(broken));
        Assert.Equal("deployment JSON has no contracts.Project", error.Message);
    }
}
