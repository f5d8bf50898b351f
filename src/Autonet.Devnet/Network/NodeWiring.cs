// Gives every node of a run its node.json (role, local data, checks, rule, gateway), its devnet.json when it
// misbehaves (attack, fault, planter) and its step: the role in the run's process (NodeRoles over the node's chain
// view, gateway, database and clock, with NodeFaults' decorator), or `autonet node step` in a process of its own
// (NodeProcess), after which the run forgets its cached nonces for the node's key; or, with daemons, no step at all:
// each node's daemon (NodeDaemons) does everything itself, the proposer's from the schedule in its node.json
// (ProposerPlan: the run's rounds, windows in seconds and its private pool) and, with forced errors, as the planter,
// the first aggregator's genesis from its GenesisPlan.
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
    /// <summary>Writes every node's node.json (and devnet.json) and sets its step; with daemons sets none and returns the (not yet started) daemons.</summary>
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
            node.Config = new NodeConfig
            {
                Name = node.Name,
                Role = node.Role,
                // Port 1 on loopback: nothing listens there, so every fetch is refused.
                Gateway = node.Faults?.CoordinatorFault == CoordinatorFault.UnreachableGateway ? new Uri("http://127.0.0.1:1/") : net.Gateway.Address,
                Seed = seed,
                ProjectId = (ulong)net.ProjectId,
                Modality = options.Modality,
                TrainImages = options.TrainImages,
                TextDirectory = options.TextDirectory is null ? null : Path.GetFullPath(options.TextDirectory),
                MaxTokens = options.EffectiveModel.MaxTokens,
                PairsDirectory = options.PairsDirectory is null ? null : Path.GetFullPath(options.PairsDirectory),
                ImageSize = options.EffectiveModel.ImageSize,
                // A planter trains on a sample of the whole training set (then negates it: ForcedErrorTrainer); duplicate-cid
                // Sybils all train on the first one's share (same bytes, same CID).
                LocalIndices = node.Role != NodeRole.Solver ? [] : node.IsPlanter ? data.PlanterShare : data.Split[SybilOrigin(options, i)],
                MaxDeltaNorm = options.MaxDeltaNorm,
                Aggregation = NetworkRunner.AggregationFor(options),
                Proposing = options.Daemons && node.Role == NodeRole.Proposer && i == 0 ? PlanOf(options, data) : null,
                // Project.publishModel takes the genesis only from an approved, staked aggregator: the first one publishes it itself.
                Genesis = options.Daemons && node.Role == NodeRole.Aggregator && i == 0 ? new GenesisPlan { Model = options.EffectiveModel, Seed = options.ModelSeed } : null,
            };
            node.Config.Save(node.Home);
            if (data.TextSource is { PublicCorpus: false } user)
            {
                // The user consented to training on this folder (RunData checked it); a node process re-checks against its own home.
                AutonetConfig.Update(node.Home, new Dictionary<ConfigKey, object> // beside what `node init` wrote in a daemon's home
                {
                    [ConfigKeys.DataConsent] = true,
                    [ConfigKeys.DataConversations] = user.ConversationsDirectory,
                    [ConfigKeys.DataExclusions] = user.ExclusionPatterns.ToArray(),
                });
            }
            node.Faults?.Save(node.Home);
            if (daemons is not null)
            {
                continue; // no step: the daemon (started by the run) acts on chain time alone
            }
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
                var local = NodeRoles.LocalData(node.Config, data.Images, data.Corpus, data.TrainPairs);
                var decorator = NodeFaults.For(node.Faults, logs.CreateLogger("Autonet.Devnet.Faults"));
                var step = NodeRoles.Create(node.Config, node.Chain, net.Blobs(node.Config.Gateway), net.Models(node.Config.Gateway), node.Database, node.Clock, local, decorator);
                node.Step = (id, _, ct) => new NodeHost(node.Name, node.Role, node.Chain, node.Clock, step).StepAsync(id, ct);
            }
        }
        return daemons;
    }

    // The solver whose data and seed solver i trains with: itself, or for a duplicate-cid Sybil the first of them.
    private static int SybilOrigin(NetworkOptions options, int i) =>
        options.FaultOf(i)?.Attack == Faults.SolverAttack.DuplicateCid
            ? Enumerable.Range(0, options.Solvers).First(j => options.FaultOf(j)?.Attack == Faults.SolverAttack.DuplicateCid)
            : i;

    // The first proposer daemon's schedule: the run's rounds as tasks, windows in seconds, its private pool (as RunData's).
    private static ProposerPlan PlanOf(NetworkOptions options, RunData data) => new()
    {
        Tasks = options.Rounds,
        CommitWindowSeconds = options.CommitWindowSeconds,
        RevealWindowSeconds = options.WindowSeconds,
        VerifyWindowSeconds = options.WindowSeconds,
        SolverBondAtn = options.SolverBondAtn,
        Steps = options.TrainSteps,
        Batch = options.Batch,
        LearningRate = options.LearningRate,
        Pool = data.PoolSize,
        Samples = options.ValidationImages,
        Secret = RunData.SecretOf(options),
    };

    // What the devnet makes node i of its role do wrong; null for an honest node (whose home then has no devnet.json).
    // With daemons the first proposer is also the forced-error planter (PlantsFor: the planter's fresh accounts).
    private static DevnetConfig? FaultsOf(NetworkNode node, int i, ulong seed, NetworkOptions options, IReadOnlyList<PlantAccount>? plantsFor) => node.Role switch
    {
        NodeRole.Proposer when i == 0 && (options.ProposerFault is not null || plantsFor is not null) => new DevnetConfig { ProposerFault = options.ProposerFault, PlantsFor = plantsFor },
        NodeRole.Aggregator when i == 0 && options.AggregatorFault is { } fault => new DevnetConfig { AggregatorFault = fault },
        NodeRole.Solver when node.IsPlanter => new DevnetConfig { Planter = true, PlantRound = options.PlanterAttack == PlanterAttack.Withhold ? -1 : i + 1 }, // -1: no round
        NodeRole.Solver when options.FaultOf(i) is { } m => new DevnetConfig { Attack = m.Attack, AttackSeed = seed + 99, SolverFault = m.Fault },
        NodeRole.Coordinator when options.CoordinatorFaultOf(i) is { } fault => new DevnetConfig { CoordinatorFault = fault },
        _ => null,
    };
}
