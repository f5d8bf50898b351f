using Autonet.Chain.Contracts;
using Autonet.Core.Ids;

namespace Autonet.Chain.Tests.Anvil;

/// <summary>Seed 002, discovery from a single address: the registry lists every contract; providers announce gateways.</summary>
[Collection(SystemCollection.Name)]
public class DiscoveryTests(SystemFixture fixture) : SystemTestBase(fixture)
{
    [Fact]
    public async Task Discover_FromRegistryAlone_FindsTheDeployment()
    {
        var system = await AutonetSystem.DiscoverAsync(Fixture.Client, Fixture.Contracts.Deployment.ContractRegistry, Fixture.OutDirectory, None);
        Assert.Equal(Fixture.Contracts.Deployment, system.Deployment);
        Assert.Equal(Deployment.RegisteredNames, await system.Registry.NamesAsync(None));
        Assert.Equal(Fixture.Contracts.Token.Address, await system.Registry.AddressOfAsync("ATNToken", None));
    }

    [Fact]
    public async Task Discover_WrongAddresses_NameTheValueAndTheRule()
    {
        var empty = Address.Parse("0x000000000000000000000000000000000000dEaD");
        var none = await Assert.ThrowsAsync<ChainException>(() => AutonetSystem.DiscoverAsync(Fixture.Client, empty, Fixture.OutDirectory, None));
        Assert.StartsWith($"chain.registry = {empty}: no contract at this address on chain 31337", none.Message, StringComparison.Ordinal);
        var token = Fixture.Contracts.Token.Address;
        var other = await Assert.ThrowsAsync<ChainException>(() => AutonetSystem.DiscoverAsync(Fixture.Client, token, Fixture.OutDirectory, None));
        Assert.StartsWith($"chain.registry = {token}: the contract there is not an Autonet registry", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownName_RevertsUnknownContract()
    {
        var error = await Assert.ThrowsAsync<ChainException>(() => Fixture.Contracts.Registry.AddressOfAsync("NoSuchContract", None));
        Assert.Contains("UnknownContract(\"NoSuchContract\")", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Providers_AnnounceNeedsStake_ListShowsGateways()
    {
        var provider = Fixture.Solvers[0];
        var providers = Fixture.Contracts.Providers;
        var unstaked = await Assert.ThrowsAsync<ChainException>(() => providers.AnnounceAsync(provider, new Uri("http://10.0.0.7:5080/"), None));
        Assert.Contains("ProviderStakeTooLow", unstaked.Message, StringComparison.Ordinal);

        await Fixture.Contracts.Shards.StakeProviderAsync(provider, Atn.Units(200), None);
        var bad = await Assert.ThrowsAsync<ChainException>(() => providers.Raw.SendAsync(provider, "announce", None, "ftp://x.example/"));
        Assert.Contains("InvalidGateway", bad.Message, StringComparison.Ordinal);
        await providers.AnnounceAsync(provider, new Uri("http://10.0.0.7:5080/"), None);
        await providers.AnnounceAsync(provider, new Uri("http://10.0.0.8:5080/"), None); // a new URL replaces the old one
        var listed = Assert.Single(await providers.ListAsync(None));
        Assert.Equal(new ProviderListing(provider.Address, new Uri("http://10.0.0.8:5080/")), listed);
        Assert.True(await providers.IsActiveAsync(provider.Address, None));

        await providers.WithdrawAsync(provider, None);
        Assert.Empty(await providers.ListAsync(None));
        Assert.False(await providers.IsActiveAsync(provider.Address, None));
    }
}
