// Transactions the nodes sent that were mined and reverted (their gas spent for nothing), counted from the chain
// itself, not from what the nodes say: every block from the run's first, every transaction from a node's address
// whose receipt failed, named by the function its selector calls. In a daemon run these are mostly keeper duties
// two nodes sent in the same block (KeeperTurns makes that rare); a refusal before sending (a failed estimate) costs
// nothing and is not here (each daemon counts those in /metrics, autonet_keeper_refused).
using System.Text.Json;
using Autonet.Chain.Contracts;
using Autonet.Core.Codecs;
using Autonet.Core.Ids;

namespace Autonet.Devnet.Network;

/// <summary>Counts the nodes' reverted transactions on chain by contract and function ("ModelChallenges.settle").</summary>
internal static class RevertCount
{
    public static async Task<Dictionary<string, int>> OfAsync(AutonetSystem contracts, IReadOnlySet<Address> nodes, ulong fromBlock, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var contract in new[] { contracts.Tasks.Raw, contracts.Rewards.Raw, contracts.Challenges.Raw, contracts.Project.Raw, contracts.ForcedErrors.Raw, contracts.Staking.Raw, contracts.Token.Raw, contracts.Shards.Raw })
        {
            foreach (var function in contract.Abi.Functions)
            {
                names.TryAdd(Hex.Encode(function.Selector), $"{contract.Name}.{function.Name}");
            }
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var client = contracts.Client;
        var last = await client.GetBlockNumberAsync(ct).ConfigureAwait(false);
        for (var number = fromBlock; number <= last; number++)
        {
            var block = await client.Rpc.CallAsync("eth_getBlockByNumber", [Autonet.Chain.Rpc.Quantity.Format(number), true], ct).ConfigureAwait(false);
            if (block.ValueKind != JsonValueKind.Object || !block.TryGetProperty("transactions", out var transactions))
            {
                continue;
            }
            foreach (var transaction in transactions.EnumerateArray())
            {
                if (!Address.TryParse(transaction.GetProperty("from").GetString(), out var from) || !nodes.Contains(from))
                {
                    continue;
                }
                var hash = Hash32.Parse(transaction.GetProperty("hash").GetString()!);
                if (await client.GetReceiptAsync(hash, ct).ConfigureAwait(false) is not { Succeeded: false })
                {
                    continue;
                }
                var input = transaction.GetProperty("input").GetString() ?? "";
                var name = input.Length >= 10 && names.TryGetValue(Hex.Encode(Hex.Decode(input[..10])), out var known) ? known : "unknown";
                counts[name] = counts.GetValueOrDefault(name) + 1;
            }
        }
        return counts;
    }
}
