// Brings a network up on a chain: deploy (or use --rpc), create and fund the project, give every node its own home,
// fund it with ETH and ATN, approve proposers and aggregators (as the project's owner), start the blob gateway every
// node talks to over HTTP. In lockstep the run holds each node's key, database and chain.json and stakes for it; with
// daemons each home is made as `autonet node init` makes one (keystore, config.yaml with the registry, node.db), the
// run keeps only the address, and each daemon stakes itself when it starts (node.auto_stake). With forced errors on, one planter account per round stakes as a
// solver at the start (registered in advance: a plant never comes from an address created for its task).
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Chain.Dev;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;
using Autonet.Node;
using Autonet.Node.Adapters;
using Autonet.Node.Config;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;
using Autonet.Node.State;
using Autonet.Storage.Blobs;

namespace Autonet.Devnet.Network;

/// <summary>The chain, contracts, gateway and nodes of one run; disposing stops them.</summary>
public sealed class NetworkSetup : IAsyncDisposable
{
    private readonly List<IDisposable> _owned = [];

    private readonly DiskBlobStore _store;

    private NetworkSetup(DevChain? dev, Uri rpc, ChainClient client, AutonetSystem system, SigningKey admin, DiskBlobStore store, BlobGateway gateway, HttpClient http, string folder)
    {
        (Dev, Rpc, Client, Contracts, Admin, _store, Gateway, Http, Folder) = (dev, rpc, client, system, admin, store, gateway, http, folder);
    }

    public DevChain? Dev { get; }
    public Uri Rpc { get; }
    public ChainClient Client { get; }
    public AutonetSystem Contracts { get; }
    public SigningKey Admin { get; }
    public BlobGateway Gateway { get; }
    public HttpClient Http { get; }
    public string Folder { get; }
    public BigInteger ProjectId { get; private set; }
    public List<NetworkNode> Nodes { get; } = [];

    /// <summary>The separate hosts of a `--hosts` run (the chain, the providers and every node each on its own); null: all on this one.</summary>
    public Hosts.NetworkHosts? Hosts { get; private init; }

    /// <summary>The bearer token the run's gateway and providers take uploads from other hosts with; null on one host (loopback needs none).</summary>
    public string? UploadToken { get; private init; }

    /// <summary>The run's storage providers (`autonet provider serve` each); empty until started, and in lockstep.</summary>
    public IReadOnlyList<StorageProvider> Providers { get; internal set; } = [];

    /// <summary>Where the program of <paramref name="name"/> (a node or a provider) runs: its own host with --hosts, with the upload token.</summary>
    public Processes.ProgramPlacement PlacementOf(string name) => Hosts is null
        ? Processes.ProgramPlacement.Here
        : new(Hosts.LauncherOf(name), new Dictionary<string, string> { [HttpBlobStore.TokenVariable] = UploadToken! }); // set with Hosts

    /// <summary>Deploys and sets up the network; with <paramref name="hosts"/> anvil runs on the host "chain" and the gateway listens on the bridge.</summary>
    public static async Task<NetworkSetup> StartAsync(NetworkOptions options, Action<TxRecord> onTransaction, CancellationToken cancellationToken, Hosts.NetworkHosts? hosts = null)
    {
        var folder = Path.Combine(options.Home, "runs", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", global::System.Globalization.CultureInfo.InvariantCulture));
        new NodeHome(options.Home).EnsureCreated();
        Directory.CreateDirectory(folder);
        var outDir = CompiledContract.FindOutDirectory();
        DevChain? dev = null;
        ChainClient client;
        SigningKey admin;
        if (options.Rpc is null)
        {
            var chainOptions = hosts is null ? new DevChainOptions() : new DevChainOptions { Host = hosts.AddressOf(NetworkHostNames.Chain), Port = 8545, Launcher = hosts.LauncherOf(NetworkHostNames.Chain) };
            dev = await DevChain.StartAsync(chainOptions, cancellationToken).ConfigureAwait(false);
            client = await dev.ConnectAsync(cancellationToken).ConfigureAwait(false);
            admin = dev.DevKeys[0];
        }
        else
        {
            client = await ChainClient.ConnectAsync(options.Rpc, null, cancellationToken).ConfigureAwait(false);
            admin = SigningKey.Parse(options.AdminKey!);
        }
        // In lockstep the deployer is the forced-error planter (ForcedErrorPlanter); with daemons the proposer is
        // (PlanterDuty, granted once its key exists); the planted solutions come from the planter's fresh accounts either way.
        // Daemons run on real chain time, so a published model's challenge and vote windows are the run's short window.
        var window = TimeSpan.FromSeconds(options.WindowSeconds);
        var systemOptions = new SystemOptions { ForcedErrorPlanter = options.ForcedErrors && !options.Daemons ? admin.Address : null };
        if (options.Daemons)
        {
            systemOptions = systemOptions with { ChallengeWindow = window, ChallengeVoteWindow = window };
        }
        var system = await AutonetSystem.DeployAsync(client, admin, outDir, systemOptions, cancellationToken).ConfigureAwait(false);
        var store = new DiskBlobStore(Path.Combine(folder, "blobs"));
        // Across hosts the gateway listens on the bridge and takes uploads with the run's token (only loopback needs none).
        var token = hosts is null ? null : Convert.ToHexStringLower(global::System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        var gatewayOptions = hosts is null ? new BlobGatewayOptions() : new BlobGatewayOptions { Host = hosts.Bridge, UploadTokens = [token!] };
        var gateway = await BlobGateway.StartAsync(store, gatewayOptions, cancellationToken).ConfigureAwait(false);
        var http = new HttpClient();
        var setup = new NetworkSetup(dev, options.Rpc ?? dev!.Endpoint, client, system, admin, store, gateway, http, folder) { Hosts = hosts, UploadToken = token };
        await setup.CreateNodesAsync(options, onTransaction, cancellationToken).ConfigureAwait(false);
        if (options.Daemons && setup.Planters.Count > 0)
        {
            await system.ForcedErrors.SetPlanterAsync(admin, setup.Role(NodeRole.Proposer).First().Address, true, cancellationToken).ConfigureAwait(false);
        }
        return setup;
    }

    /// <summary>The Protocol blob port over HTTP, CID-verified: the run's gateway, or <paramref name="gateway"/>.</summary>
    public BlobStoreAdapter Blobs(Uri? gateway = null) => new(new HttpBlobStore(Http, gateway ?? Gateway.Address, uploadToken: UploadToken));

    /// <summary>Where models are placed: the whole file and its shards with the run's storage provider (its gateway).</summary>
    public ShardedModelStore Models(Uri? gateway = null) =>
        new(Blobs(gateway), Autonet.Storage.Sharding.ShardProvider.FromGateways(Http, [gateway ?? Gateway.Address], UploadToken));

    // Bonds a solver can have out at once with every one forfeited (100 tasks, or forfeits): a dev run never runs short.
    private const int BondsPerSolver = 100;

    private async Task CreateNodesAsync(NetworkOptions options, Action<TxRecord> onTransaction, CancellationToken cancellationToken)
    {
        var token = Contracts.Token;
        ProjectId = await Contracts.Project.CreateProjectAsync(
            Admin, "autonet network run: I-JEPA on Fashion-MNIST", Protocol.Aggregation.AggregationSpec.Format(NetworkRunner.AggregationFor(options)), cancellationToken).ConfigureAwait(false);
        var budget = Atn.Units(1_000_000);
        await token.ApproveAsync(Admin, Contracts.Project.Address, budget, cancellationToken).ConfigureAwait(false);
        await Contracts.Project.FundAsync(Admin, ProjectId, budget, cancellationToken).ConfigureAwait(false);
        var cast = new (string Name, NodeRole Role, bool Planter, int Count, StakingRole Staking, long Stake)[]
        {
            ("proposer", NodeRole.Proposer, false, options.Proposers, StakingRole.Proposer, 200), // twice the minimum: a 10% slash leaves it active
            ("solver", NodeRole.Solver, false, options.Solvers, StakingRole.Solver, 50),
            ("coordinator", NodeRole.Coordinator, false, options.Coordinators, StakingRole.Coordinator, 1000), // CoordinatorStakeOf: by default twice the minimum, so a 5% forced-error slash leaves it active
            ("aggregator", NodeRole.Aggregator, false, options.Aggregators, StakingRole.Aggregator, 1000),
            ("planter", NodeRole.Solver, true, options.ForcedErrors ? options.Rounds : 0, StakingRole.Solver, 50), // fresh solver accounts, one per round, all staked now
        };
        foreach (var (prefix, role, planter, count, staking, stake) in cast)
        {
            for (var i = 0; i < count; i++)
            {
                var name = $"{prefix}-{i + 1}";
                var home = new NodeHome(Path.Combine(Folder, "nodes", name)).EnsureCreated();
                var amount = role == NodeRole.Coordinator ? options.CoordinatorStakeOf(i) : stake;
                Address address;
                SigningKey? key = null;
                if (options.Daemons)
                {
                    address = Join(home, name, role, amount); // the node's own home and key, as a user makes them; the run keeps the address only
                    Nodes.Add(new NetworkNode(name, role, staking, planter, home, address));
                }
                else
                {
                    key = options.Rpc is null ? DevKey(home, options.Seed, name) : NodeIdentity.LoadOrCreate(home);
                    address = key.Address;
                    var chain = new ContractChain(Contracts, key, Blobs(), onTransaction);
                    ChainFile.Save(home, Rpc, Contracts.Deployment);
                    Nodes.Add(new NetworkNode(name, role, staking, planter, home, address, key, NodeDatabase.Open(home.File("node.db")), chain, new ChainClock(Client)));
                }
                await Client.SendAsync(Admin, address, [], BigInteger.Pow(10, 19), cancellationToken).ConfigureAwait(false);
                // A solver also gets enough for BondsPerSolver bonds (a bond comes back after each valid reveal); an
                // aggregator for 10 model bonds of 100 ATN and a coordinator for 10 challenge bonds of 10 ATN (ModelChallenges).
                var bonds = role switch
                {
                    NodeRole.Solver => BondsPerSolver * options.SolverBondAtn,
                    NodeRole.Aggregator => 10 * 100,
                    NodeRole.Coordinator => 10 * 10,
                    _ => 0,
                };
                await token.TransferAsync(Admin, address, Atn.Units(amount + bonds), cancellationToken).ConfigureAwait(false);
                if (key is not null)
                {
                    await token.ApproveAsync(key, Contracts.Staking.Address, Atn.Units(amount), cancellationToken).ConfigureAwait(false);
                    await Contracts.Staking.StakeAsync(key, staking, Atn.Units(amount), cancellationToken).ConfigureAwait(false);
                } // else the daemon stakes itself at start (node.auto_stake up to node.stake_atn), before it says it is ready
                // The project owner's approvals (the deployer owns the run's project): an address is all they need.
                if (role == NodeRole.Proposer)
                {
                    await Contracts.Project.SetProposerAsync(Admin, ProjectId, address, true, cancellationToken).ConfigureAwait(false);
                }
                else if (role == NodeRole.Aggregator)
                {
                    await Contracts.Project.SetAggregatorAsync(Admin, ProjectId, address, true, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    // A daemon node's home, made as a user makes one: `autonet node init` (NodeInit: config.yaml with the chain's RPC,
    // registry and id and node.auto_stake, a new key in a keystore encrypted with the run's passphrase file, light
    // scrypt as geth's --lightkdf, the state database), then its name, project and stake set as `autonet config set` sets them.
    // The key never leaves the home; the run keeps the address the keystore declares.
    private Address Join(NodeHome home, string name, NodeRole role, long stakeAtn)
    {
        var made = NodeInit.Create(home, new NodeInitOptions
        {
            Role = Autonet.Devnet.KebabNames.Of(role),
            Rpc = Rpc,
            Registry = Contracts.Deployment.ContractRegistry,
            ChainId = (long)Client.ChainId,
            AutoStake = true,
            PassphraseFile = PassphraseFile(),
            Kdf = KdfParameters.Light,
        }, prompt: null);
        AutonetConfig.Update(home, new Dictionary<ConfigKey, object>
        {
            [ConfigKeys.NodeName] = name,
            [ConfigKeys.NodeProject] = (long)ProjectId,
            [ConfigKeys.NodeStake] = (double)stakeAtn,
        });
        return made.Address;
    }

    // The run's keystore passphrase: 32 random bytes in hex, in a file only its owner reads, beside the node homes.
    private string PassphraseFile()
    {
        var path = Path.Combine(Folder, "passphrase");
        if (!File.Exists(path))
        {
            var text = Convert.ToHexString(global::System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) + "\n";
            if (OperatingSystem.IsWindows())
            {
                File.WriteAllText(path, text);
            }
            else
            {
                using var file = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
                using var writer = new StreamWriter(file);
                writer.Write(text);
            }
        }
        return path;
    }

    // On a local dev chain a node's key is keccak256("autonet-dev-node" | seed | name): a run's accounts, and so the
    // order aggregation takes the solvers in (by address) and the bytes it publishes, repeat with the seed. Public
    // from the seed, so never used on a real chain (--rpc), where every node gets a fresh random key.
    private static SigningKey DevKey(NodeHome home, ulong seed, string name)
    {
        var secret = Autonet.Core.Hashing.Keccak256.Hash(global::System.Text.Encoding.UTF8.GetBytes($"autonet-dev-node|{seed}|{name}"));
        var key = SigningKey.FromBytes(secret.ToArray());
        KeyFile.Save(home.File(NodeIdentity.KeyFileName), key);
        return key;
    }

    /// <summary>The corrupt-blob scenario's faulty provider: flips the last byte of a stored blob, keeping its CID.</summary>
    public void CorruptStoredBlob(Autonet.Core.Ids.ContentId id)
    {
        var path = _store.PathOf(id);
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Disposes <paramref name="owned"/> with the network (before the nodes' databases).</summary>
    public T Own<T>(T owned)
        where T : IDisposable
    {
        _owned.Add(owned);
        return owned;
    }

    /// <summary>The nodes of <paramref name="role"/>, in the order they were created (solvers include the planter, last).</summary>
    public IEnumerable<NetworkNode> Role(NodeRole role) => Nodes.Where(n => n.Role == role);

    /// <summary>The forced-error planter's accounts, one per round in round order; empty with forced errors off.</summary>
    public IReadOnlyList<NetworkNode> Planters => [.. Nodes.Where(n => n.IsPlanter)];

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose(); // node daemons first, while the chain and gateway they use are still up
        }
        foreach (var node in Nodes)
        {
            node.Dispose();
        }
        await Gateway.DisposeAsync().ConfigureAwait(false);
        Http.Dispose();
        Client.Dispose();
        if (Dev is not null)
        {
            await Dev.DisposeAsync().ConfigureAwait(false);
        }
    }
}
