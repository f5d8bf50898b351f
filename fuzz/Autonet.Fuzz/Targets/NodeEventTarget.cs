using System.Text;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;

namespace Autonet.Fuzz.Targets;

/// <summary>
/// NodeEvent.TryParse, what the devnet runs on every line a node program prints: never throws; an accepted event
/// has only defined enum values and reads back equal from its own line.
/// </summary>
internal sealed class NodeEventTarget : FuzzTarget
{
    public override string Name => "nodeevent";

    public override string Decoder => "NodeEvent.TryParse (node outcome and tx lines)";

    public override void Run(byte[] input)
    {
        if (!NodeEvent.TryParse(Encoding.UTF8.GetString(input), out var parsed, out _))
        {
            return;
        }
        if (parsed is NodeOutcome outcome && (!Enum.IsDefined(outcome.Role) || !Enum.IsDefined(outcome.State)))
        {
            throw new InvalidOperationException($"accepted an undefined role {(int)outcome.Role} or state {(int)outcome.State}");
        }
        if (!NodeEvent.TryParse(parsed.ToLine(), out var again, out var reason) || !again.Equals(parsed))
        {
            throw new InvalidOperationException($"event {parsed.ToLine()} does not read back equal ({reason})");
        }
    }

    public override IEnumerable<byte[]> Seeds() =>
        new NodeEvent[]
        {
            new NodeOutcome { Role = NodeRole.Aggregator, TaskId = 3, State = OutcomeState.Published, Model = Autonet.Core.Ids.ContentId.Of([1, 2, 3]) },
            NodeOutcome.Failed(NodeRole.Solver, 7, "RevealMismatch(7)") with { Attempt = 2 },
            new NodeOutcome { Role = NodeRole.Coordinator, TaskId = 1, State = OutcomeState.Voted, Votes = 4, Reason = "x" },
            new TxRecord(Autonet.Core.Ids.Address.Parse("0x00000000000000000000000000000000000000aa"), "commitSolution", 4, Autonet.Core.Ids.Hash32.Zero, 12, "51234"),
        }.Select(e => Encoding.UTF8.GetBytes(e.ToLine()));

    public override IEnumerable<string> Tokens() =>
        ["\"event\"", "\"outcome\"", "\"tx\"", "\"role\"", "\"taskId\"", "\"state\"", "\"reason\"", "\"votes\"", "\"model\"", "\"error\"",
         "\"attempt\"", "\"from\"", "\"action\"", "\"hash\"", "\"block\"", "\"gas\"", "\"solver\"", "\"published\"", "\"failed\"", "null"];
}
