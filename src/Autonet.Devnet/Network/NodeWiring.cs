// Gives every node of a run its node.json (role, local data, checks, rule, gateway), its devnet.json when it
// misbehaves (attack, fault, planter) and its step: the role in the run's process (NodeRoles over the node's chain
// view, gateway, database and clock, with NodeFaults' decorator), or `autonet node step` in a process of its own
// (NodeProcess), after which the run forgets its cached nonces for the node's key, or a daemon of its own
// (NodeDaemons) whose outcome the run waits for.
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
    /// <summary>Writes every node's node.json (and devnet.json) and sets its step; returns the node daemons when the run uses them.</summary>
    public static NodeDaemons? Configure(NetworkSetup net, NetworkOptions options, RunData data, Action<TxRecord> onTransaction, ILoggerFactory logs)
    {
        var processes = options.Processes ? new NodeProcess(options.NodeCommand, onTransaction, logs.CreateLogger<NodeProcess>()) : null;
        var daemons = options.Daemons ? net.Own(new NodeDaemons(options.NodeCommand, onTransaction, logs.CreateLogger<NodeDaemons>())) : null;
        var index = new Dictionary<(NodeRole, bool), int>();
        foreach (var node in net.Nodes)
        {
            var i = index[(node.Role, node.IsPlanter)] = index.GetValueOrDefault((node.Role, node.IsPlanter), -1) + 1;
            var seed = options.Seed + (ulong)(node.Role == NodeRole.Solver && !node.IsPlanter ? SybilOrigin(options, i) : i) + 1;
            node.Faults = FaultsOf(node, i, seed, options);
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
                // The planter's delta needs no data; duplicate-cid Sybils all train on the first one's share (same bytes, same CID).
                LocalIndices = node.Role == NodeRole.Solver && !node.IsPlanter ? data.Split[SybilOrigin(options, i)] : [],
                MaxDeltaNorm = options.MaxDeltaNorm,
                Aggregation = NetworkRunner.AggregationFor(options),
            };
            node.Config.Save(node.Home);
            if (data.TextSource is { PublicCorpus: false } user)
            {
                // The user consented to training on this folder (RunData checked it); a node process re-checks against its own home.
                AutonetConfig.Write(node.Home, new Dictionary<ConfigKey, object>
                {
                    [ConfigKeys.DataConsent] = true,
                    [ConfigKeys.DataConversations] = user.ConversationsDirectory,
                    [ConfigKeys.DataExclusions] = user.ExclusionPatterns.ToArray(),
                });
            }
            node.Faults?.Save(node.Home);
            if (daemons is not null)
            {
                daemons.Start(node.Name, node.Role, node.Home);
                node.Step = (id, phase, ct) => daemons.WaitAsync(node.Name, id, outcome => Done(node.Role, phase, outcome), ct);
            }
            else if (processes is not null)
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

    // What the devnet makes node i of its role do wrong; null for an honest node (whose home then has no devnet.json).
    private static DevnetConfig? FaultsOf(NetworkNode node, int i, ulong seed, NetworkOptions options) => node.Role switch
    {
        NodeRole.Proposer when i == 0 && options.ProposerFault is { } fault => new DevnetConfig { ProposerFault = fault },
        NodeRole.Aggregator when i == 0 && options.AggregatorFault is { } fault => new DevnetConfig { AggregatorFault = fault },
        NodeRole.Solver when node.IsPlanter => new DevnetConfig { Planter = true },
        NodeRole.Solver when options.FaultOf(i) is { } m => new DevnetConfig { Attack = m.Attack, AttackSeed = seed + 99, SolverFault = m.Fault },
        NodeRole.Coordinator when options.CoordinatorFaultOf(i) is { } fault => new DevnetConfig { CoordinatorFault = fault },
        _ => null,
    };

    /// <summary>Whether a daemon's latest outcome on a task is the one the run waits for in <paramref name="phase"/> (NetworkRunner's phases).</summary>
    internal static bool Done(NodeRole role, RoundPhase phase, NodeOutcome outcome) => (role, phase) switch
    {
        (NodeRole.Solver, RoundPhase.TrainCommit) => outcome.State is OutcomeState.Committed or OutcomeState.Revealed or OutcomeState.Missed or OutcomeState.NotJoined,
        (NodeRole.Solver, _) => outcome.State is OutcomeState.Revealed or OutcomeState.Missed or OutcomeState.NotJoined,
        (NodeRole.Proposer, _) => outcome.State == OutcomeState.GroundTruthRevealed,
        (NodeRole.Coordinator, RoundPhase.VerifyVote) => outcome.State is OutcomeState.Committed or OutcomeState.Voted,
        (NodeRole.Coordinator, RoundPhase.Finalize) => outcome.State == OutcomeState.Voted, // revealed, or not drawn
        (NodeRole.Coordinator, _) => true, // releasing an undrawn vote's hold is not waited for
        (NodeRole.Aggregator, _) => outcome.State == OutcomeState.Published,
        _ => true,
    };
}
