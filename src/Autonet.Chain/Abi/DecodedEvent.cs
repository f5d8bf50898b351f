using Autonet.Chain.Rpc;

namespace Autonet.Chain.Abi;

/// <summary>
/// An event log decoded with its ABI: values by parameter name, in declaration order. Indexed parameters of dynamic
/// type (string, bytes, arrays, tuples) appear as the <see cref="Autonet.Core.Ids.Hash32"/> in the topic, as the EVM stores only their hash.
/// </summary>
public sealed record DecodedEvent(AbiEvent Event, IReadOnlyDictionary<string, object> Values, LogEntry Log)
{
    /// <summary>The value of the named parameter.</summary>
    /// <exception cref="KeyNotFoundException">The event has no such parameter.</exception>
    public object this[string name] => Values.TryGetValue(name, out var value)
        ? value
        : throw new KeyNotFoundException($"event {Event.Signature} has no parameter '{name}' (has {string.Join(", ", Values.Keys)})");
}
