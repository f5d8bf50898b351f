using Autonet.Core.Ids;

namespace Autonet.Chain.Rpc;

/// <summary>
/// An eth_getLogs filter: contract address, block range, and per-position topics (null = any).
/// Blocks default to the whole chain, which is fine on short dev chains and wrong on long ones.
/// </summary>
public sealed record LogFilter(Address? Address = null, ulong? FromBlock = null, ulong? ToBlock = null, IReadOnlyList<Hash32?>? Topics = null)
{
    internal Dictionary<string, object?> ToJson()
    {
        var json = new Dictionary<string, object?>
        {
            ["fromBlock"] = FromBlock is { } from ? Quantity.Format(from) : "earliest",
            ["toBlock"] = ToBlock is { } to ? Quantity.Format(to) : "latest",
        };
        if (Address is { } address)
        {
            json["address"] = address.ToString();
        }
        if (Topics is { Count: > 0 })
        {
            json["topics"] = Topics.Select(t => t?.ToString()).ToArray();
        }
        return json;
    }
}
