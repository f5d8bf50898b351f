using Autonet.Chain.Rpc;

namespace Autonet.Chain.Dev;

/// <summary>
/// Dev-node controls anvil (and Hardhat) expose: move block time forward, mine, and snapshot/revert state so tests
/// can share one chain and keep it short. They fail with a clear error on nodes without these methods.
/// </summary>
public static class ChainControl
{
    /// <summary>
    /// Moves the next block's timestamp forward by <paramref name="by"/> and mines a block; with
    /// <paramref name="mine"/> false the next transaction's block is the first to carry the new time, so nodes that
    /// read the latest block's time cannot act in between.
    /// </summary>
    public static async Task AdvanceTimeAsync(this ChainClient client, TimeSpan by, CancellationToken cancellationToken, bool mine = true)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        await client.Rpc.CallAsync("evm_increaseTime", [(long)Math.Ceiling(by.TotalSeconds)], cancellationToken).ConfigureAwait(false);
        if (mine)
        {
            await client.Rpc.CallAsync("evm_mine", [], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Switches the node to mining a block every <paramref name="seconds"/> (anvil's --block-time, evm_setIntervalMining),
    /// with wall-clock timestamps, instead of one block per transaction: real block time from now on.
    /// </summary>
    public static async Task SetIntervalMiningAsync(this ChainClient client, int seconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        await client.Rpc.CallAsync("evm_setIntervalMining", [seconds], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes a snapshot; pass its id to <see cref="RevertAsync"/>.</summary>
    public static async Task<string> SnapshotAsync(this ChainClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var id = await client.Rpc.CallAsync("evm_snapshot", [], cancellationToken).ConfigureAwait(false);
        return id.ToString();
    }

    /// <summary>Returns the chain to a snapshot (which is consumed).</summary>
    /// <exception cref="ChainException">The node refused the snapshot id.</exception>
    public static async Task RevertAsync(this ChainClient client, string snapshotId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var ok = await client.Rpc.CallAsync("evm_revert", [snapshotId], cancellationToken).ConfigureAwait(false);
        client.ResetNonces(); // the reverted chain forgot the transactions those nonces counted
        if (ok.ValueKind != System.Text.Json.JsonValueKind.True)
        {
            throw new ChainException($"evm_revert to snapshot {snapshotId} returned {ok}; was it already used?");
        }
    }

    /// <summary>The latest block's timestamp (Unix seconds).</summary>
    public static Task<ulong> GetLatestTimestampAsync(this ChainClient client, CancellationToken cancellationToken) =>
        TimestampAsync(client, "latest", cancellationToken);

    /// <summary>Block <paramref name="number"/>'s timestamp (Unix seconds).</summary>
    /// <exception cref="ChainException">the chain has no such block yet</exception>
    public static Task<ulong> GetBlockTimestampAsync(this ChainClient client, ulong number, CancellationToken cancellationToken) =>
        TimestampAsync(client, "0x" + number.ToString("x", System.Globalization.CultureInfo.InvariantCulture), cancellationToken);

    private static async Task<ulong> TimestampAsync(ChainClient client, string block, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var reply = await client.Rpc.CallAsync("eth_getBlockByNumber", [block, false], cancellationToken).ConfigureAwait(false);
        if (reply.ValueKind == System.Text.Json.JsonValueKind.Null)
        {
            throw new ChainException($"eth_getBlockByNumber: no block {block} on the chain yet");
        }
        return RpcReader.SmallQuantity(RpcReader.Field(reply, "timestamp", "eth_getBlockByNumber"), "eth_getBlockByNumber", "timestamp");
    }
}
