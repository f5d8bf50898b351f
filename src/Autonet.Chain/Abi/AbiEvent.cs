using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Chain.Abi;

/// <summary>
/// A contract event (Solidity ABI specification, "Events"): topic 0 is keccak256 of the signature (unless anonymous),
/// then one topic per indexed parameter; the other parameters are ABI-encoded in the data.
/// </summary>
public sealed class AbiEvent
{
    public AbiEvent(string name, IReadOnlyList<AbiParameter> inputs, bool anonymous = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Inputs = inputs;
        Anonymous = anonymous;
        Signature = AbiSignature.Of(name, inputs);
        Topic = Autonet.Core.Hashing.Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(Signature));
    }

    public string Name { get; }

    public IReadOnlyList<AbiParameter> Inputs { get; }

    public bool Anonymous { get; }

    public string Signature { get; }

    /// <summary>keccak256 of the signature: topic 0 of every non-anonymous log of this event.</summary>
    public Hash32 Topic { get; }

    /// <summary>True when the log's topic 0 is this event's topic.</summary>
    public bool Matches(LogEntry log) => log is not null && !Anonymous && log.Topics.Count > 0 && log.Topics[0] == Topic;

    /// <summary>Decodes a log of this event.</summary>
    /// <exception cref="FormatException">The log does not match this event (topic, topic count or data).</exception>
    public DecodedEvent Decode(LogEntry log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var first = Anonymous ? 0 : 1;
        var indexed = Inputs.Where(p => p.Indexed).ToList();
        if (!Anonymous && !Matches(log))
        {
            return Errors.AbiData<DecodedEvent>(Name, 0, $"log topic 0 is not {Signature}");
        }
        if (log.Topics.Count != first + indexed.Count)
        {
            return Errors.AbiData<DecodedEvent>(Name, 0, $"expected {first + indexed.Count} topics, got {log.Topics.Count}");
        }
        var data = AbiDecoder.Decode(Inputs.Where(p => !p.Indexed).ToList(), log.Data);
        var values = new Dictionary<string, object>(Inputs.Count);
        int topic = first, field = 0;
        for (var i = 0; i < Inputs.Count; i++)
        {
            var input = Inputs[i];
            var key = input.Name.Length > 0 ? input.Name : $"_{i}";
            if (!input.Indexed)
            {
                values[key] = data[field++];
                continue;
            }
            var word = log.Topics[topic++];
            values[key] = input.Type.IsDynamic || input.Type.Kind is AbiKind.Tuple or AbiKind.FixedArray
                ? word
                : AbiDecoder.DecodeValue(input.Type, word.ToArray(), input.Name);
        }
        return new DecodedEvent(this, values, log);
    }

    public override string ToString() => Signature;
}
