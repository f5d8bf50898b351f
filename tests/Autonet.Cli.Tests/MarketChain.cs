using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Chain.Dev;
using Autonet.Chain.Rpc;
using Autonet.Inference.Api;
using Autonet.Inference.Market;
using Autonet.Inference.Serving;
using Autonet.Models.Jepa;
using Autonet.Node;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.Market;
using Autonet.Storage.Blobs;
using Autonet.Storage.Sharding;

namespace Autonet.Cli.Tests;

/// <summary>
/// For CLI runs against the inference market: a real anvil with the contracts, written into a CLI home (chain.json), the
/// home's node funded as a paying client; project 1 with a tiny text JEPA published on chain and held by a real gateway;
/// a dev key staked as the project's provider at 0.01 ATN per request.
/// </summary>
internal sealed class MarketChain : IAsyncDisposable
{
    private readonly DevChain _chain;
    private readonly string _blobs;

    private MarketChain(DevChain chain, ChainClient client, AutonetSystem system, string blobs, BlobGateway gateway, SigningKey node, byte[] model, ulong round)
    {
        (_chain, Client, System, _blobs, Gateway, Node, ModelBytes, Round) = (chain, client, system, blobs, gateway, node, model, round);
    }

    public ChainClient Client { get; }

    public AutonetSystem System { get; }

    public InferenceMarket Market => System.Market!;

    public BlobGateway Gateway { get; }

    /// <summary>The CLI home's key: the paying client.</summary>
    public SigningKey Node { get; }

    public SigningKey Provider => _chain.DevKeys[3];

    public ulong ProjectId { get; } = 1;

    public BigInteger Price { get; } = Atn.One / 100;

    /// <summary>The published model's bytes.</summary>
    public byte[] ModelBytes { get; }

    /// <summary>The round the chain records for it.</summary>
    public ulong Round { get; }

    public static async Task<MarketChain> StartAsync(string home, CancellationToken cancellationToken)
    {
        var chain = await DevChain.StartAsync(new DevChainOptions { Accounts = 6 }, cancellationToken);
        var client = await chain.ConnectAsync(cancellationToken);
        var (admin, owner, provider) = (chain.DevKeys[0], chain.DevKeys[2], chain.DevKeys[3]);
        var system = await AutonetSystem.DeployAsync(client, admin, CompiledContract.FindOutDirectory(), new SystemOptions(), cancellationToken);
        var nodeHome = new NodeHome(home);
        ChainFile.Save(nodeHome, chain.Endpoint, system.Deployment);
        var node = NodeIdentity.LoadOrCreate(nodeHome);
        await client.SendAsync(admin, node.Address, [], BigInteger.Pow(10, 19), cancellationToken);
        foreach (var account in new[] { node.Address, owner.Address, provider.Address })
        {
            await system.Token.TransferAsync(admin, account, Atn.Units(2000), cancellationToken);
        }
        var projectId = await system.Project.CreateProjectAsync(owner, "bafkreimarketcli", "", cancellationToken);
        await system.Token.ApproveAsync(owner, system.Staking.Address, Atn.Units(1000), cancellationToken);
        await system.Staking.StakeAsync(owner, StakingRole.Aggregator, Atn.Units(1000), cancellationToken);
        await system.Project.SetAggregatorAsync(owner, projectId, owner.Address, true, cancellationToken);
        var bytes = Training.Jepa.ModelBytes.Serialize(new JepaModel(JepaConfig.Tiny(Modality.Text), 5));
        var blobs = Directory.CreateTempSubdirectory("autonet-market-cli-blobs-").FullName;
        var store = new DiskBlobStore(blobs);
        var cid = await store.PutAsync(bytes, cancellationToken);
        await system.Project.PublishModelAsync(owner, projectId, 0, cid.ToString(), ModelSharder.Split(bytes, ShardedModelStore.DataShards, ShardedModelStore.ParityShards).Manifest.MerkleRoot, cancellationToken);
        var gateway = await BlobGateway.StartAsync(store, new BlobGatewayOptions { Port = 0 }, cancellationToken);
        await system.Token.ApproveAsync(provider, system.Market!.Address, Atn.Units(100), cancellationToken);
        var round = (await PublishedModelReader.FetchLatestAsync(system, (ulong)projectId, store, cancellationToken)).Round;
        var market = new MarketChain(chain, client, system, blobs, gateway, node, bytes, round);
        await system.Market.RegisterProviderAsync(provider, projectId, Atn.Units(100), market.Price, "http://127.0.0.1/", cancellationToken);
        return market;
    }

    /// <summary>The provider serving <paramref name="model"/> for pay, its receipts claiming the published round.</summary>
    public async Task<(InferenceServer Server, PaymentGate Gate)> ServeAsync(ServedModel model, CancellationToken cancellationToken)
    {
        var gate = MarketGate.Create(System, Provider, ProjectId, Round, new FlatPricing(Price), null);
        var server = await InferenceServer.StartAsync(new ModelCatalog([model]), null, new InferenceServerOptions { Port = 0, Payments = gate }, cancellationToken);
        return (server, gate);
    }

    public async ValueTask DisposeAsync()
    {
        Node.Dispose();
        await Gateway.DisposeAsync();
        Client.Dispose();
        await _chain.DisposeAsync();
        Directory.Delete(_blobs, recursive: true);
    }
}
