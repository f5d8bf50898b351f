// Gives every node of a run its node.json (role, fault, local data, checks, rule, gateway) and its step: the role in
// the run's process (NodeRoles over the node's chain view, gateway, database and clock), or `autonet node step` in a
// process of its own (NodeProcess), after which the run forgets its cached nonces for the node's key, or a daemon of
// its own (NodeDaemons) whose outcome line the run waits for.
using Autonet.Devnet.Faults;
using Autonet.Devnet.Processes;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;

namespace Autonet.Devnet.Network;

/// <summary>Wires the nodes of a run to their roles.</summary>
internal static partial class NodeWiring
{
    /// <summary>Writes every node's node.json and sets its step; returns the node daemons when the run uses them.</summary>
    public static NodeDaemons? Configure(NetworkSetup net, NetworkOptions options, RunData data, Action<TxRecord> onTransaction)
    {
        var processes = options.Processes ? new NodeProcess(options.NodeCommand, onTransaction) : null;
        var daemons = options.Daemons ? net.Own(new NodeDaemons(options.NodeCommand, onTransaction)) : null;
        var index = new Dictionary<string, int>();
        foreach (var node in net.Nodes)
        {
            var i = index[node.Role] = index.GetValueOrDefault(node.Role, -1) + 1;
            node.Config = new NodeConfig
            {
                Name = node.Name,
                Role = node.Role,
                // Port 1 on loopback: nothing listens there, so every fetch is refused.
                Gateway = node.Role == "coordinator" && options.CoordinatorFaultOf(i) == "unreachable-gateway" ? new Uri("http://127.0.0.1:1/") : net.Gateway.Address,
                Fault = node.Role switch { "solver" => options.FaultOf(i), "coordinator" => options.CoordinatorFaultOf(i), _ => null },
                Seed = options.Seed + (ulong)i + 1,
                ProjectId = (ulong)net.ProjectId,
                Modality = options.Modality,
                TrainImages = options.TrainImages,
                TextDirectory = options.TextDirectory is null ? null : Path.GetFullPath(options.TextDirectory),
                MaxTokens = options.EffectiveModel.MaxTokens,
                LocalIndices = node.Role == "solver" ? data.Split[i] : [],
                MaxDeltaNorm = options.MaxDeltaNorm,
                Aggregation = NetworkRunner.AggregationFor(options),
            };
            node.Config.Save(node.Home);
            if (daemons is not null)
            {
                daemons.Start(node.Name, node.Home);
                node.Step = (id, phase, ct) => daemons.WaitAsync(node.Name, id, line => Done(node.Role, phase, line), ct);
            }
            else if (processes is not null)
            {
                node.Step = async (id, _, ct) =>
                {
                    var line = await processes.StepAsync(node.Home, id, ct).ConfigureAwait(false);
                    net.Client.ResetNonces(); // the node process sent with this node's key; ask the chain for the next nonce
                    return line;
                };
            }
            else
            {
                var local = NodeRoles.LocalData(node.Config, data.Images, data.Corpus);
                var step = NodeRoles.Create(node.Config, node.Chain, net.Blobs(node.Config.Gateway), node.Database, node.Clock, local, NodeFaults.For(node.Config));
                node.Step = (id, _, ct) => new NodeHost(node.Name, node.Chain, node.Clock, step).StepAsync(id, ct);
            }
        }
        return daemons;
    }

    // Whether a daemon's latest line on a task is the outcome the run waits for in this phase (see NetworkRunner's phases).
    private static bool Done(string role, string phase, string line) =>
        (role, phase) switch
        {
            ("solver" or "planter", "commit") => Has(line, "Committed:", "Revealed:", "Missed:", "did not join"),
            ("solver" or "planter", _) => Has(line, "Revealed:", "Missed:", "did not join"),
            ("proposer", _) => line.EndsWith("ground truth revealed", StringComparison.Ordinal),
            ("coordinator", _) => VotesCast().IsMatch(line),
            ("aggregator", _) => line.Contains(": published ", StringComparison.Ordinal),
            _ => true,
        };

    private static bool Has(string line, params string[] parts) => parts.Any(p => line.Contains(p, StringComparison.Ordinal));

    [System.Text.RegularExpressions.GeneratedRegex(@": [1-9][0-9]* votes")]
    private static partial System.Text.RegularExpressions.Regex VotesCast();
}
