using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Chain.Dev;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;
using Autonet.Node.Adapters;
using Autonet.Node.Storage;
using Autonet.Storage.Blobs;

namespace Autonet.Scenarios;

/// <summary>
/// A real anvil with the contracts, a project, an aggregator and three storage providers, each a Kestrel gateway over
/// its own disk store, staked on ModelShardRegistry and announced on ProviderRegistry. Scenario tests snapshot the
/// chain and revert after; each publishes its own model.
/// </summary>
public sealed class StorageNetwork : IAsyncLifetime
{
    public const int ProviderCount = 3;
    private DevChain? _chain;
    private readonly string _folder = Directory.CreateTempSubdirectory("autonet-storage-").FullName;

    public static CancellationToken None => CancellationToken.None;

    public ChainClient Client { get; private set; } = null!; // set in InitializeAsync

    public AutonetSystem System { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public IReadOnlyList<SigningKey> Keys => _chain!.DevKeys;

    public SigningKey Owner => Keys[2];

    public SigningKey Aggregator => Keys[8];

    public SigningKey Challenger => Keys[9];

    public ulong ProjectId { get; private set; }

    public List<StorageHost> Providers { get; } = [];

    public async Task InitializeAsync()
    {
        _chain = await DevChain.StartAsync(new DevChainOptions { Accounts = 10 }, None);
        Client = await _chain.ConnectAsync(None);
        System = await AutonetSystem.DeployAsync(Client, Keys[0], CompiledContract.FindOutDirectory(), new SystemOptions { Treasury = Keys[1].Address }, None);
        ProjectId = (ulong)await System.Project.CreateProjectAsync(Owner, "bafkreistorageproject", "", None);
        var minimum = await System.Shards.MinimumProviderStakeAsync(None);
        for (var i = 0; i < ProviderCount; i++)
        {
            var key = Keys[3 + i];
            await System.Token.TransferAsync(Keys[0], key.Address, Atn.Units(1000), None);
            await System.Token.ApproveAsync(key, System.Shards.Address, minimum, None);
            await System.Shards.StakeProviderAsync(key, minimum, None);
            var host = await StorageHost.StartAsync(System, key, Path.Combine(_folder, $"provider-{i + 1}"));
            await System.Providers.AnnounceAsync(key, host.Gateway.Address, None);
            Providers.Add(host);
        }
    }

    /// <summary>The aggregator's model store: shards across the providers on chain (the fallback is never used here).</summary>
    public ChainModelStore Models() =>
        new(System, Aggregator, ProjectId, Http, null, new ShardedModelStore(new BlobStoreAdapter(Providers[0].Disk), []));

    /// <summary>A reader's blob port: sharded models from the chain's placement, everything else from <paramref name="gateway"/>.</summary>
    public ChainBlobStore Reader(Autonet.Protocol.Ports.IBlobStore gateway) => new(gateway, new ModelLocator(System, Http));

    /// <summary>Every provider's duty once (announce placed shards, answer challenges); what each did.</summary>
    public async Task<IReadOnlyList<ProviderStep>> StepProvidersAsync()
    {
        var steps = new List<ProviderStep>();
        foreach (var provider in Providers.Where(p => p.Up))
        {
            steps.Add(await provider.Duty.StepAsync(None));
        }
        return steps;
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in Providers)
        {
            await provider.DisposeAsync();
        }
        Http.Dispose();
        if (_chain is not null)
        {
            await _chain.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>One storage provider: its key, disk store, gateway and duty.</summary>
public sealed class StorageHost : IAsyncDisposable
{
    private readonly AutonetSystem _system;

    private StorageHost(AutonetSystem system, SigningKey key, DiskBlobStore disk, BlobGateway gateway) =>
        (_system, Key, Disk, Gateway, Duty) = (system, key, disk, gateway, new ProviderDuty(system, key, disk));

    public SigningKey Key { get; }

    public DiskBlobStore Disk { get; }

    public BlobGateway Gateway { get; private set; }

    public ProviderDuty Duty { get; private set; }

    public bool Up { get; private set; } = true;

    public static async Task<StorageHost> StartAsync(AutonetSystem system, SigningKey key, string folder)
    {
        var disk = new DiskBlobStore(folder);
        var gateway = await BlobGateway.StartAsync(disk, new BlobGatewayOptions(), CancellationToken.None);
        return new StorageHost(system, key, disk, gateway);
    }

    /// <summary>Takes the gateway down (the host is gone for readers; its duty stops too).</summary>
    public async Task StopAsync()
    {
        Up = false;
        await Gateway.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// Brings a stopped gateway back on its port and starts a fresh duty (the next test needs all three, and after an
    /// evm_revert the chain's model and challenge ids are reused, which a running provider never sees).
    /// </summary>
    public async Task RestartAsync()
    {
        Duty = new ProviderDuty(_system, Key, Disk);
        if (Up)
        {
            return;
        }
        await Gateway.DisposeAsync();
        Gateway = await BlobGateway.StartAsync(Disk, new BlobGatewayOptions { Port = Gateway.Address.Port }, CancellationToken.None);
        Up = true;
    }

    /// <summary>Deletes a blob from the disk, as a provider that lost it.</summary>
    public void Lose(ContentId id)
    {
        var text = id.ToString();
        File.Delete(Path.Combine(Disk.Root, "blobs", text[^2..], text));
    }

    public async ValueTask DisposeAsync() => await Gateway.DisposeAsync();

    /// <summary>The provider's stake on ModelShardRegistry.</summary>
    public Task<BigInteger> StakeAsync(AutonetSystem system) => system.Shards.ProviderStakeAsync(Key.Address, CancellationToken.None);
}
