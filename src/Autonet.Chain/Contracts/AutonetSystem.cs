using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// All nine contracts bound on one client: deploy and wire a fresh system (as contracts/test/lib/system.mjs does), or
/// attach to an existing <see cref="Deployment"/>. Every contract's errors are registered for revert decoding.
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
        Market = contracts.TryGetValue("InferenceMarket", out var market) ? new InferenceMarket(market) : null;
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
    /// <summary>The inference market; null when attached to a deployment that has none.</summary>
    public InferenceMarket? Market { get; }

    /// <summary>Gas used by the deployment and wiring transactions.</summary>
    public System.Numerics.BigInteger DeploymentGas { get; private set; }

    /// <summary>Deploys the nine contracts from <paramref name="outDirectory"/> and wires them.</summary>
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
        var deployment = new Deployment(client.ChainId, token, staking, project, tasks, rewards, forced, shards, challenges) { InferenceMarket = market };
        return new AutonetSystem(client, deployment, deployed) { DeploymentGas = gas };
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
