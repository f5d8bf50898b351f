using System.Diagnostics;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Autonet.Chain.Contracts;
using Autonet.Chain.Dev;
using Autonet.Inference.Chat;
using Autonet.Inference.Market;
using Autonet.Models.Jepa;
using Autonet.Node;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Storage.Blobs;
using Autonet.Storage.Sharding;
using Autonet.Training.Jepa;

namespace Autonet.Cli.Tests;

/// <summary>
/// `autonet market register`, `autonet serve --project N --price` and `autonet market redeem` as an operator runs them,
/// against a real anvil with a model published on chain and held by a real gateway; a client pays with vouchers.
/// </summary>
public sealed class ServeMarketTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _home = CliProcess.NewHome();
    private readonly string _blobs = Directory.CreateTempSubdirectory("autonet-serve-blobs-").FullName;

    [Fact]
    public async Task ServeProjectWithPrice_RealAnvil_PaidRequestsRedeemedToTheProvider()
    {
        await using var chain = await DevChain.StartAsync(new DevChainOptions { Accounts = 6 }, None);
        using var client = await chain.ConnectAsync(None);
        var (admin, owner, user) = (chain.DevKeys[0], chain.DevKeys[2], chain.DevKeys[4]);
        var system = await AutonetSystem.DeployAsync(client, admin, CompiledContract.FindOutDirectory(), new SystemOptions(), None);
        var home = new NodeHome(_home);
        ChainFile.Save(home, chain.Endpoint, system.Deployment);
        using var node = NodeIdentity.LoadOrCreate(home);
        await client.SendAsync(admin, node.Address, [], BigInteger.Pow(10, 19), None);
        foreach (var account in new[] { node.Address, owner.Address, user.Address })
        {
            await system.Token.TransferAsync(admin, account, Atn.Units(2000), None);
        }
        var projectId = await system.Project.CreateProjectAsync(owner, "bafkreiserve", "", None);
        await system.Token.ApproveAsync(owner, system.Staking.Address, Atn.Units(1000), None);
        await system.Staking.StakeAsync(owner, StakingRole.Aggregator, Atn.Units(1000), None);
        await system.Project.SetAggregatorAsync(owner, projectId, owner.Address, true, None);
        var bytes = ModelBytes.Serialize(new JepaModel(JepaConfig.Tiny(Modality.Text), 5));
        var store = new DiskBlobStore(_blobs);
        var cid = await store.PutAsync(bytes, None);
        await system.Project.PublishModelAsync(owner, projectId, 0, cid.ToString(), ModelSharder.Split(bytes, ShardedModelStore.DataShards, ShardedModelStore.ParityShards).Manifest.MerkleRoot, None);
        await using var gateway = await BlobGateway.StartAsync(store, new BlobGatewayOptions { Port = 0 }, None);

        var registered = await CliProcess.RunAsync("--home", _home, "--json", "market", "register", "--project", "1", "--stake", "100", "--price", "0.01");
        Assert.True(registered.Code == 0, registered.ToString());
        await system.Token.ApproveAsync(user, system.Market!.Address, Atn.Units(1), None);
        await system.Market.DepositAsync(user, node.Address, projectId, Atn.Units(1), None);
        using var serve = CliProcess.Start("--home", _home, "serve", "--project", "1", "--gateway", gateway.Address.ToString(), "--port", "0", "--price", "0.01");
        try
        {
            var address = await ServingAddressAsync(serve);
            using var http = new HttpClient();
            var wallet = new VoucherWallet(user, system.Market.Domain, node.Address, projectId, Atn.One / 100, 0);
            var provider = new ProviderClient(http, address, "project-1", wallet);
            var shape = KVectorShape.Of(JepaConfig.Tiny(Modality.Text));
            for (var i = 0; i < 2; i++)
            {
                Assert.NotNull(await provider.TryKVectorsAsync([new("user", $"hello {i}")], shape.K, shape.D, None));
            }
            var unpaid = await http.PostAsync(new Uri(address, "v1/kvectors"), new StringContent("""{"model":"project-1","messages":[{"role":"user","content":"hi"}]}""", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(402, (int)unpaid.StatusCode);
        }
        finally
        {
            await CliProcess.InterruptAsync(serve);
        }
        var before = await system.Token.BalanceOfAsync(node.Address, None);

        var redeemed = await CliProcess.RunAsync("--home", _home, "--json", "market", "redeem", "--project", "1");

        Assert.True(redeemed.Code == 0, redeemed.ToString());
        var line = JsonDocument.Parse(redeemed.Stdout).RootElement.EnumerateArray().Single();
        Assert.Equal("0.02", line.GetProperty("amountAtn").GetString());
        Assert.Equal(Atn.One / 50 * 8 / 10, await system.Token.BalanceOfAsync(node.Address, None) - before); // the default 80 % provider share
    }

    public void Dispose()
    {
        foreach (var directory in new[] { _home, _blobs })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task<Uri> ServingAddressAsync(Process serve)
    {
        var said = "";
        while (!said.Contains("serving at", StringComparison.Ordinal))
        {
            said += await CliProcess.ReadLineAsync(serve) + "\n";
        }
        Assert.Contains("paid: 10000000000000000 ATN base units per request", said, StringComparison.Ordinal);
        return new Uri(Regex.Match(said, @"http://[0-9.]+:[0-9]+/").Value);
    }
}
