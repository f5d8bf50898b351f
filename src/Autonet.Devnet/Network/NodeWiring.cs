// Gives every node of a run its settings as config.yaml keys (role, local data as a share file, checks,
// gateway; NodeConfig.From reads them back, in this process and in a node's own), its devnet.json when it misbehaves
// (attack, fault, planter) and its step: the role in the run's process (NodeRoles over the node's chain view,
// gateway, database and clock, with NodeFaults' decorator), or `autonet node step` in a process of its own
// (NodeProcess), after which the run forgets its cached nonces for the node's key; or, with daemons, no step at all:
// each node's daemon (NodeDaemons) does everything itself, the proposer's from its proposer.* keys (the run's rounds,
// windows in seconds and its private pool) and, with forced errors, as the planter, the first aggregator's genesis
// from the model file aggregator.genesis_file names.
using Autonet.Devnet.Faults;
using Autonet.Devnet.Processes;
using Autonet.Node.Adapters;
using Autonet.Node.Config;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;
using Microsoft.Extensions.Logging;

namespace Autonet.Devnet.Network;

/// <summary>Wires the nodes of a run to their roles.</summary>
internal static class NodeWiring
{
    private static readonly System.Collections.Hashtable NoEnvironment = [];

    /// <summary>Writes every node's config.yaml keys (and devnet.json) and sets its step; with daemons sets none and returns the (not yet started) daemons.</summary>
    public static NodeDaemons? Configure(NetworkSetup net, NetworkOptions options, RunData data, Action<TxRecord> onTransaction, ILoggerFactory logs)
    {
        var processes = options.Processes ? new NodeProcess(options.NodeCommand, onTransaction, logs.CreateLogger<NodeProcess>()) : null;
        var daemons = options.Daemons ? net.Own(new NodeDaemons(options.NodeCommand, onTransaction, logs.CreateLogger<NodeDaemons>()) { Placement = net.PlacementOf }) : null;
        var index = new Dictionary<(NodeRole, bool), int>();
        foreach (var node in net.Nodes)
        {
            var i = index[(node.Role, node.IsPlanter)] = index.GetValueOrDefault((node.Role, node.IsPlanter), -1) + 1;
            var seed = options.Seed + (ulong)(node.Role == NodeRole.Solver && !node.IsPlanter ? SybilOrigin(options, i) : i) + 1;
            node.Faults = FaultsOf(node, i, seed, options, options.Daemons && net.Planters.Count > 0 ? [.. net.Planters.Select(p => new PlantAccount(p.Address, p.Home.Path))] : null);
            var share = node.Role != NodeRole.Solver ? null : node.IsPlanter ? data.PlanterShare : data.Split[SybilOrigin(options, i)];
            // A planter trains on the whole training set (then negates it: ForcedErrorTrainer), named as a share since
            // the run's images also hold the probe's (no share would mean those to the planter in this process and
            // only data.train_images to its node process: a different delta, RevealMismatch); duplicate-cid Sybils
            // all train on the first one's share (same bytes, same CID).
            if (share is not null)
            {
                ShareFile.Write(node.Home.File("share.txt"), share);
            }
            var keys = new Dictionary<ConfigKey, object>
            {
                [ConfigKeys.NodeName] = node.Name,
                [ConfigKeys.NodeRole] = KebabNames.Of(node.Role),
                [ConfigKeys.NodeProject] = (long)net.ProjectId,
                [ConfigKeys.NodeSeed] = (long)seed,
                [ConfigKeys.NodeJoinProject] = !node.IsPlanter, // a planter account is a member in its round only (PlantRoundChain)
                // Port 1 on loopback: nothing listens there, so every fetch is refused.
                [ConfigKeys.StorageGateways] = new[] { node.Faults?.CoordinatorFault == CoordinatorFault.UnreachableGateway ? "http://127.0.0.1:1/" : net.Gateway.Address.ToString() },
                [ConfigKeys.DataModality] = KebabNames.Of(options.Modality),
                [ConfigKeys.DataTrainImages] = (long)options.TrainImages,
                [ConfigKeys.DataShareFile] = share is null ? "" : node.Home.File("share.txt"),
                [ConfigKeys.DataTextDirectory] = options.TextDirectory is null ? "" : Path.GetFullPath(options.TextDirectory),
                [ConfigKeys.DataPairsDirectory] = options.PairsDirectory is null ? "" : Path.GetFullPath(options.PairsDirectory),
                [ConfigKeys.DataMaxSeq] = (long)options.EffectiveModel.MaxTokens,
                [ConfigKeys.DataFrameSize] = (long)options.EffectiveModel.ImageSize,
                [ConfigKeys.CoordinatorMaxDeltaNorm] = options.MaxDeltaNorm,
            };
            if (options.Daemons && node.Role == NodeRole.Proposer && i == 0)
            {
                foreach (var (key, value) in PlanOf(options, data))
                {
                    keys[key] = value;
                }
            }
            if (options.Daemons && node.Role == NodeRole.Aggregator && i == 0)
            {
                // Project.publishModel takes the genesis only from an approved, staked aggregator: the first one publishes it itself.
                var genesis = node.Home.File("genesis.safetensors");
                File.WriteAllBytes(genesis, Training.Jepa.ModelBytes.Serialize(new Models.Jepa.JepaModel(options.EffectiveModel, options.ModelSeed)));
                keys[ConfigKeys.AggregatorGenesisFile] = genesis;
            }
            if (data.TextSource is { PublicCorpus: false } user)
            {
                // The user consented to training on this folder (RunData checked it); a node process re-checks against its own home.
                keys[ConfigKeys.DataConsent] = true;
                keys[ConfigKeys.DataConversations] = user.ConversationsDirectory;
                keys[ConfigKeys.DataExclusions] = user.ExclusionPatterns.ToArray();
            }
            AutonetConfig.Update(node.Home, keys); // beside what `node init` wrote in a daemon's home
            node.Faults?.Save(node.Home);
            if (daemons is not null)
            {
                continue; // no step: the daemon (started by the run) acts on chain time alone, reading its config.yaml itself
            }
            // As a node process reads them, minus this process's environment; the rule is the one the run stated on chain
            // when it created the project (NetworkSetup), which a node process reads from there.
            node.Config = NodeConfig.From(AutonetConfig.Load(node.Home, NoEnvironment), node.Key) with { Aggregation = NetworkRunner.AggregationFor(options) };
            if (processes is not null)
            {
                node.Step = async (id, _, ct) =>
                {
                    var outcome = await processes.StepAsync(node.Home, node.Role, id, ct).ConfigureAwait(false);
                    net.Client.ResetNonces(); // the node process sent with this node's key; ask the chain for the next nonce
                    return outcome;
                };
            }
            else
            {
                var local = NodeRoles.LocalData(node.Config, data.Images, data.Corpus, data.TrainPairs); // the run's loaded data, not loaded again
                var decorator = NodeFaults.For(node.Faults, logs.CreateLogger("Autonet.Devnet.Faults"));
                var step = NodeRoles.Create(node.Config, node.Chain, net.Blobs(node.Config.Gateways[0]), net.Models(node.Config.Gateways[0]), node.Database, node.Clock, local, decorator);
                node.Step = (id, _, ct) => new NodeHost(node.Name, node.Role, node.Chain, node.Clock, step).StepAsync(id, ct);
            }
        }
        return daemons;
    }

    /// <summary>A daemon run's reveal, verify and vote-reveal windows: the sized commit window, at least --window.</summary>
    public static int TaskWindowSeconds(NetworkOptions options) => Math.Max(options.WindowSeconds, options.CommitWindowSeconds);

    // The solver whose data and seed solver i trains with: itself, or for a duplicate-cid Sybil the first of them.
    private static int SybilOrigin(NetworkOptions options, int i) =>
        options.FaultOf(i)?.Attack == Faults.SolverAttack.DuplicateCid
            ? Enumerable.Range(0, options.Solvers).First(j => options.FaultOf(j)?.Attack == Faults.SolverAttack.DuplicateCid)
            : i;

    // The first proposer daemon's schedule as proposer.* keys: the run's rounds as tasks, windows in seconds, its private pool (as RunData's).
    // The reveal and verify windows are as long as the sized commit window (never below --window): scoring every delta
    // under load must fit (4 s did not, at load 9: no votes in round 1), and each ends as soon as every member acted.
    private static Dictionary<ConfigKey, object> PlanOf(NetworkOptions options, RunData data) => new()
    {
        [ProposerKeys.Tasks] = (long)options.Rounds,
        [ProposerKeys.CommitWindow] = (long)options.CommitWindowSeconds,
        [ProposerKeys.RevealWindow] = (long)TaskWindowSeconds(options),
        [ProposerKeys.VerifyWindow] = (long)TaskWindowSeconds(options),
        [ProposerKeys.SolverBond] = options.SolverBondAtn,
        [ProposerKeys.Steps] = (long)options.TrainSteps,
        [ProposerKeys.Batch] = (long)options.Batch,
        [ProposerKeys.LearningRate] = (double)options.LearningRate,
        [ProposerKeys.Pool] = (long)data.PoolSize,
        [ProposerKeys.Samples] = (long)options.ValidationImages,
        [ProposerKeys.Secret] = (long)(RunData.SecretOf(options) & long.MaxValue),
    };

    // What the devnet makes node i of its role do wrong; null for an honest node (whose home then has no devnet.json).
    // With daemons the first proposer is also the forced-error planter (PlantsFor: the planter's fresh accounts).
    private static DevnetConfig? FaultsOf(NetworkNode node, int i, ulong seed, NetworkOptions options, IReadOnlyList<PlantAccount>? plantsFor) => node.Role switch
    {
        NodeRole.Proposer when i == 0 && (options.ProposerFault is not null || plantsFor is not null) => new DevnetConfig { ProposerFault = options.ProposerFault, PlantsFor = plantsFor },
        NodeRole.Aggregator when i == 0 && options.AggregatorFault is { } fault => new DevnetConfig { AggregatorFault = fault },
        NodeRole.Solver when node.IsPlanter => new DevnetConfig { Planter = true, PlantRound = options.PlanterAttack == PlanterAttack.Withhold ? -1 : i + 1, PlantJoins = options.Daemons }, // -1: no round
        NodeRole.Solver when options.FaultOf(i) is { } m => new DevnetConfig { Attack = m.Attack, AttackSeed = seed + 99, SolverFault = m.Fault },
        NodeRole.Coordinator when options.CoordinatorFaultOf(i) is { } fault => new DevnetConfig { CoordinatorFault = fault },
        _ => null,
    };
}
