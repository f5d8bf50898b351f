using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Chain.Dev;
using Autonet.Chain.Rpc;
using Autonet.Inference.Api;
using Autonet.Inference.Market;
using Autonet.Inference.Serving;
using Autonet.Models.Jepa;
using Autonet.Node.Adapters;
using Autonet.Node.Market;
using Autonet.Storage.Blobs;
using Autonet.Storage.Sharding;
using Autonet.Training.Jepa;

namespace Autonet.Scenarios;

/// <summary>
/// A real anvil with the nine contracts, a project whose round-1 model (a tiny text JEPA) is published on chain and held
/// by a disk blob store, a provider staked in InferenceMarket, a client with ATN, two staked coordinators. Scenario tests
/// snapshot it and revert after.
/// </summary>
public sealed class MarketNetwork : IAsyncLifetime
{
    private DevChain? _chain;

    public static CancellationToken None => CancellationToken.None;

    public ChainClient Client { get; private set; } = null!; // set in InitializeAsync

    public AutonetSystem System { get; private set; } = null!;

    public InferenceMarket Market => System.Market!;

    public DiskBlobStore Storage { get; } = new(Directory.CreateTempSubdirectory("autonet-market-blobs-").FullName);

    public IReadOnlyList<SigningKey> Keys => _chain!.DevKeys;

    public SigningKey Owner => Keys[2];

    public SigningKey Provider => Keys[3];

    public SigningKey User => Keys[4];

    public IReadOnlyList<SigningKey> Coordinators => [Keys[6], Keys[7]];

    public Chain.Crypto.SigningKey Aggregator => Keys[8];

    public ulong ProjectId { get; private set; }

    /// <summary>The provider's advertised price per request: 0.01 ATN.</summary>
    public BigInteger Price { get; } = Atn.One / 100;

    public async Task InitializeAsync()
    {
        _chain = await DevChain.StartAsync(new DevChainOptions { Accounts = 10 }, None);
        Client = await _chain.ConnectAsync(None);
        System = await AutonetSystem.DeployAsync(Client, Keys[0], CompiledContract.FindOutDirectory(), new SystemOptions { Treasury = Keys[1].Address }, None);
        var unlimited = BigInteger.Pow(2, 256) - 1;
        foreach (var account in Keys.Skip(2))
        {
            await System.Token.TransferAsync(Keys[0], account.Address, Atn.Units(10_000), None);
            foreach (var spender in new[] { System.Staking.Address, System.Project.Address, Market.Address })
            {
                await System.Token.ApproveAsync(account, spender, unlimited, None);
            }
        }
        ProjectId = (ulong)await System.Project.CreateProjectAsync(Owner, "bafkreimarketproject", "", None);
        await System.Staking.StakeAsync(Aggregator, StakingRole.Aggregator, Atn.Units(1000), None);
        await System.Project.SetAggregatorAsync(Owner, ProjectId, Aggregator.Address, true, None);
        var bytes = ModelBytes.Serialize(new JepaModel(JepaConfig.Tiny(Modality.Text), 11));
        var cid = await Storage.PutAsync(bytes, None);
        var root = ModelSharder.Split(bytes, ShardedModelStore.DataShards, ShardedModelStore.ParityShards).Manifest.MerkleRoot;
        await System.Project.PublishModelAsync(Aggregator, ProjectId, 0, cid.ToString(), root, None);
        await Market.RegisterProviderAsync(Provider, ProjectId, Atn.Units(100), Price, "http://127.0.0.1/", None);
        foreach (var coordinator in Coordinators)
        {
            await System.Staking.StakeAsync(coordinator, StakingRole.Coordinator, Atn.Units(500), None);
        }
    }

    /// <summary>The project's latest published model, fetched and verified as `autonet serve --project` does.</summary>
    public async Task<(ServedModel Model, ulong Round)> PublishedAsync(string id = "net")
    {
        var published = await PublishedModelReader.FetchLatestAsync(System, ProjectId, Storage, None);
        return (ModelLoader.FromBytes(published.Bytes, id, $"project:{ProjectId} round:{published.Round}"), published.Round);
    }

    /// <summary>A paid server for <paramref name="model"/>, its receipts claiming <paramref name="round"/> of the project.</summary>
    public async Task<(InferenceServer Server, PaymentGate Gate)> ServeAsync(ServedModel model, ulong round)
    {
        var gate = MarketGate.Create(System, Provider, ProjectId, round, new FlatPricing(Price), null);
        var server = await InferenceServer.StartAsync(new ModelCatalog([model]), null, new InferenceServerOptions { Port = 0, Payments = gate }, None);
        return (server, gate);
    }

    public VoucherWallet Wallet() => new(User, Market.Domain, Provider.Address, ProjectId, Price, 0);

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_chain is not null)
        {
            await _chain.DisposeAsync();
        }
        Directory.Delete(Storage.Root, recursive: true);
    }
}
