using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// All of a deployment's contracts bound on one client: deploy and wire a fresh system (as contracts/testlib/system.mjs
/// does) and fill its contract registry, attach to a known <see cref="Deployment"/>, or discover one from the registry's
/// address alone. Every contract's errors are registered for revert decoding.
/// </summary>
public sealed class AutonetSystem
{
    private AutonetSystem(ChainClient client, Deployment deployment, IReadOnlyDictionary<string, Contract> contracts)
    {
        Client = client;
        Deployment = deployment;
        Token = new AtnToken(contracts["ATNToken"]);
        Staking = new ParticipantStaking(contracts["ParticipantStaking"]);
        Project = new Project(contracts["Project"]);
        Tasks = new TaskContract(contracts["TaskContract"]);
        Rewards = new ResultsRewards(contracts["ResultsRewards"]);
        ForcedErrors = new ForcedErrorRegistry(contracts["ForcedErrorRegistry"]);
        Shards = new ModelShardRegistry(contracts["ModelShardRegistry"]);
        Challenges = new ModelChallenges(contracts["ModelChallenges"]);
        Market = new InferenceMarket(contracts["InferenceMarket"]);
        Providers = new ProviderRegistry(contracts["ProviderRegistry"]);
        Registry = new ContractRegistry(contracts["ContractRegistry"]);
    }

    public ChainClient Client { get; }

    public Deployment Deployment { get; }

    public AtnToken Token { get; }

    public ParticipantStaking Staking { get; }

    public Project Project { get; }

    public TaskContract Tasks { get; }

    public ResultsRewards Rewards { get; }

    public ForcedErrorRegistry ForcedErrors { get; }

    public ModelShardRegistry Shards { get; }

    public ModelChallenges Challenges { get; }
    /// <summary>The inference market.</summary>
    public InferenceMarket Market { get; }

    public ProviderRegistry Providers { get; }

    /// <summary>The contract registry: the one address a node needs.</summary>
    public ContractRegistry Registry { get; }

    /// <summary>Gas used by the deployment and wiring transactions.</summary>
    public System.Numerics.BigInteger DeploymentGas { get; private set; }

    /// <summary>Deploys the contracts from <paramref name="outDirectory"/>, wires them and lists them in a new contract registry.</summary>
    /// <exception cref="ChainException">A compiled contract is missing, or a constructor or wiring call reverted.</exception>
    public static async Task<AutonetSystem> DeployAsync(ChainClient client, SigningKey admin, string outDirectory, SystemOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(options);
        var compiled = Deployment.ContractNames.ToDictionary(n => n, n => CompiledContract.Load(outDirectory, n));
        var gas = System.Numerics.BigInteger.Zero;
        var deployed = new Dictionary<string, Contract>();
        async Task<Address> DeployOneAsync(string name, params object[] arguments)
        {
            var (contract, receipt) = await ContractDeployer.DeployAsync(client, admin, compiled[name], cancellationToken, arguments).ConfigureAwait(false);
            gas += receipt.GasUsed;
            deployed[name] = contract;
            return contract.Address;
        }
        var self = admin.Address;
        var token = await DeployOneAsync("ATNToken", self, options.InitialSupply).ConfigureAwait(false);
        var staking = await DeployOneAsync("ParticipantStaking", token, options.Treasury ?? self, self).ConfigureAwait(false);
        var project = await DeployOneAsync("Project", token, staking, self).ConfigureAwait(false);
        var tasks = await DeployOneAsync("TaskContract", staking, project, self).ConfigureAwait(false);
        var rewards = await DeployOneAsync("ResultsRewards", token, staking, tasks, project, self).ConfigureAwait(false);
        var forced = await DeployOneAsync("ForcedErrorRegistry", staking, tasks, rewards, self).ConfigureAwait(false);
        var shards = await DeployOneAsync("ModelShardRegistry", token, options.MinimumProviderStake, (ulong)options.ProviderLock.TotalSeconds).ConfigureAwait(false);
        var challenges = await DeployOneAsync("ModelChallenges", token, staking, tasks, project,
            (ulong)options.ChallengeWindow.TotalSeconds, (ulong)options.ChallengeVoteWindow.TotalSeconds).ConfigureAwait(false);
        var market = await DeployOneAsync("InferenceMarket", token, staking, project, options.Treasury ?? self).ConfigureAwait(false);
        var providers = await DeployOneAsync("ProviderRegistry", shards).ConfigureAwait(false);
        var registry = await DeployOneAsync("ContractRegistry", self).ConfigureAwait(false);

        // Wiring: who may call whom (contracts/README.md, "Deployment").
        var wiring = new (string Contract, string Function, object[] Arguments)[]
        {
            ("TaskContract", "setResultsRewards", [rewards]),
            ("ResultsRewards", "setForcedErrorRegistry", [forced]),
            ("Project", "setAllocator", [tasks, true]),
            ("ParticipantStaking", "setSlasher", [rewards, true]),
            ("ParticipantStaking", "setSlasher", [forced, true]),
            ("ParticipantStaking", "setSlasher", [tasks, true]), // cancelTask slashes a proposer that missed its ground-truth reveal
            ("Project", "setChallenges", [challenges]),
            ("ParticipantStaking", "setSlasher", [challenges, true]), // holds a publishing aggregator's stake, slashes it when a challenge is upheld
        };
        foreach (var (name, function, arguments) in wiring)
        {
            gas += (await deployed[name].SendAsync(admin, function, cancellationToken, arguments).ConfigureAwait(false)).GasUsed;
        }
        if (options.ForcedErrorPlanter is { } planter)
        {
            gas += (await deployed["ForcedErrorRegistry"].SendAsync(admin, "setPlanter", cancellationToken, planter, true).ConfigureAwait(false)).GasUsed;
        }
        var deployment = new Deployment(client.ChainId, token, staking, project, tasks, rewards, forced, shards, challenges, market, providers, registry);
        // Seed 002: discovery from a single address. Every other contract is listed under its compiled name.
        var names = Deployment.RegisteredNames;
        gas += (await new ContractRegistry(deployed["ContractRegistry"]).SetContractsAsync(admin, names, [.. names.Select(n => deployment.ByName[n])], cancellationToken).ConfigureAwait(false)).GasUsed;
        return new AutonetSystem(client, deployment, deployed) { DeploymentGas = gas };
    }

    /// <summary>Finds every contract from the registry at <paramref name="registry"/> (seed 002) and binds them.</summary>
    /// <exception cref="ChainException">no contract at the address, not an Autonet registry, or a listed contract missing or without code (the message names the address and the rule).</exception>
    public static async Task<AutonetSystem> DiscoverAsync(ChainClient client, Address registry, string outDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var rule = "rule: must be the deployment's ContractRegistry (`autonet chain up` prints it)";
        if ((await client.GetCodeAsync(registry, cancellationToken).ConfigureAwait(false)).Length == 0)
        {
            throw new ChainException($"chain.registry = {registry}: no contract at this address on chain {client.ChainId}; {rule}");
        }
        var compiled = CompiledContract.Load(outDirectory, "ContractRegistry");
        var binding = new ContractRegistry(new Contract(client, registry, compiled.Abi, "ContractRegistry"));
        string kind;
        try
        {
            kind = await binding.KindAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChainException e)
        {
            throw new ChainException($"chain.registry = {registry}: the contract there is not an Autonet registry (KIND() failed: {e.Message}); {rule}", e);
        }
        if (kind != ContractRegistry.Kind)
        {
            throw new ChainException($"chain.registry = {registry}: the contract there says it is '{kind}', not '{ContractRegistry.Kind}'; {rule}");
        }
        var byName = new Dictionary<string, Address> { ["ContractRegistry"] = registry };
        foreach (var name in Deployment.RegisteredNames)
        {
            byName[name] = await binding.AddressOfAsync(name, cancellationToken).ConfigureAwait(false);
        }
        var deployment = Deployment.FromNames(client.ChainId, byName, $"registry {registry}");
        return await AttachAsync(client, deployment, outDirectory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Binds an existing deployment (ABIs from <paramref name="outDirectory"/>), checking the chain id.</summary>
    /// <exception cref="ChainException">The deployment is for another chain, or a contract has no code.</exception>
    public static async Task<AutonetSystem> AttachAsync(ChainClient client, Deployment deployment, string outDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(deployment);
        if (deployment.ChainId != client.ChainId)
        {
            throw new ChainException($"deployment is for chain id {deployment.ChainId}, but the node reports {client.ChainId}");
        }
        var contracts = new Dictionary<string, Contract>();
        foreach (var (name, address) in deployment.ByName)
        {
            if ((await client.GetCodeAsync(address, cancellationToken).ConfigureAwait(false)).Length == 0)
            {
                throw new ChainException($"{name} at {address} has no code on chain {client.ChainId}; wrong deployment or a restarted dev chain?");
            }
            var compiled = CompiledContract.Load(outDirectory, name);
            client.Reverts.Add(compiled.Abi.Errors);
            contracts[name] = new Contract(client, address, compiled.Abi, name);
        }
        return new AutonetSystem(client, deployment, contracts);
    }
}
