// What a node program (`autonet node step`, `autonet node run`) says on its standard output: one JSON object per line,
// {"event":"outcome",...} for a step's outcome (NodeOutcome) and {"event":"tx",...} for a transaction it sent
// (Adapters.TxRecord), and {"event":"ready",...} once a daemon starts polling (NodeReady). Whoever runs the program (the devnet) reads these typed fields, never the human text, which
// goes to standard error through the logger. docs/formats.md ("Node event lines") has the fields.
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Autonet.Node.Adapters;
using Autonet.Node.State;

namespace Autonet.Node.Hosting;

/// <summary>One line of a node program's standard output.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(NodeOutcome), "outcome")]
[JsonDerivedType(typeof(TxRecord), "tx")]
[JsonDerivedType(typeof(NodeReady), "ready")]
public abstract record NodeEvent
{
    /// <summary>This event as one line of JSON (no line break in it), "event" first.</summary>
    public string ToLine() => JsonSerializer.Serialize(this, IdJsonConverters.Documents);

    /// <summary>Reads one output line; false, with the reason, for a line that is not a node event.</summary>
    public static bool TryParse(string line, [NotNullWhen(true)] out NodeEvent? nodeEvent, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(line);
        nodeEvent = null;
        if (!line.StartsWith('{'))
        {
            reason = "not a JSON object";
            return false;
        }
        try
        {
            nodeEvent = JsonSerializer.Deserialize<NodeEvent>(line, IdJsonConverters.Documents);
        }
        catch (JsonException e)
        {
            reason = e.Message;
            return false;
        }
        catch (NotSupportedException e) // a missing or unknown "event"
        {
            reason = e.Message;
            return false;
        }
        reason = nodeEvent is null ? "null" : null;
        return nodeEvent is not null;
    }
}
