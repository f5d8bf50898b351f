using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Autonet.Chain.Abi;
using Autonet.Chain.Crypto;
using Autonet.Chain.Transactions;
using Autonet.Core.Codecs;
using Autonet.Core.Ids;

namespace Autonet.Chain.Rpc;

/// <summary>
/// The node as Autonet uses it: reads (balance, code, calls, logs) and sends (EIP-1559, signed locally, with nonces
/// tracked per sender, gas estimated, receipts awaited). The chain id is checked once at connect time and signed into
/// every transaction. A revert, in a call, an estimate or a mined transaction, surfaces as a <see cref="ChainException"/>
/// with the decoded error. Not a wallet: keys are passed in per send, never stored.
/// </summary>
public sealed class ChainClient : IDisposable
{
    private readonly NonceTracker _nonces;
    private readonly TimeProvider _time;

    public ChainClient(JsonRpcClient rpc, BigInteger chainId, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        Rpc = rpc;
        ChainId = chainId;
        _time = time ?? TimeProvider.System;
        _nonces = new NonceTracker(this);
    }

    public JsonRpcClient Rpc { get; }

    /// <summary>The chain id, checked against the node at connect time.</summary>
    public BigInteger ChainId { get; }

    /// <summary>Decodes reverts; register every contract ABI here (see <c>Deployment</c>).</summary>
    public RevertDecoder Reverts => Rpc.Reverts;

    /// <summary>How long <see cref="SendAsync"/> waits for a receipt.</summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Connects and checks the node's chain id against <paramref name="expectedChainId"/> when given.</summary>
    /// <exception cref="ChainException">The node is unreachable or reports another chain id.</exception>
    public static async Task<ChainClient> ConnectAsync(Uri endpoint, BigInteger? expectedChainId, CancellationToken cancellationToken, RevertDecoder? reverts = null, RpcPolicy? policy = null)
    {
        var rpc = new JsonRpcClient(endpoint, reverts, policy: policy);
        try
        {
            var actual = RpcReader.Quantity(await rpc.CallAsync("eth_chainId", [], cancellationToken).ConfigureAwait(false), "eth_chainId");
            if (expectedChainId is { } expected && expected != actual)
            {
                throw new ChainException($"wrong chain: the node at {endpoint} reports chain id {actual}, expected {expected}; check --rpc or the configured chain id");
            }
            return new ChainClient(rpc, actual);
        }
        catch
        {
            rpc.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Where signed transactions are journaled before sending and nonces are chosen under a cross-process lock
    /// (NonceTracker); null (the default) keeps nonces in this process only. Set it before the first send. A journal
    /// that is <see cref="IDisposable"/> is disposed with the client.
    /// </summary>
    public ITransactionJournal? Journal
    {
        get => _nonces.Journal;
        set => _nonces.Journal = value;
    }

    /// <summary>Forgets cached nonces, e.g. after evm_revert or when another process used the same keys.</summary>
    public void ResetNonces() => _nonces.Reset();

    public async Task<BigInteger> GetChainIdAsync(CancellationToken cancellationToken) =>
        RpcReader.Quantity(await Rpc.CallAsync("eth_chainId", [], cancellationToken).ConfigureAwait(false), "eth_chainId");

    public async Task<ulong> GetBlockNumberAsync(CancellationToken cancellationToken) =>
        RpcReader.SmallQuantity(await Rpc.CallAsync("eth_blockNumber", [], cancellationToken).ConfigureAwait(false), "eth_blockNumber");

    /// <summary>The hash of block <paramref name="number"/>; null when the chain has no such block yet.</summary>
    public async Task<Hash32?> GetBlockHashAsync(ulong number, CancellationToken cancellationToken)
    {
        var block = await Rpc.CallAsync("eth_getBlockByNumber", ["0x" + number.ToString("x", CultureInfo.InvariantCulture), false], cancellationToken).ConfigureAwait(false);
        return block.ValueKind == JsonValueKind.Null ? null : RpcReader.Hash(RpcReader.Field(block, "hash", "eth_getBlockByNumber"), "eth_getBlockByNumber", "hash");
    }

    /// <summary>The sender of transaction <paramref name="transactionHash"/> (eth_getTransactionByHash's `from`); null when the chain does not know it.</summary>
    public async Task<Address?> GetTransactionSenderAsync(Hash32 transactionHash, CancellationToken cancellationToken)
    {
        var transaction = await Rpc.CallAsync("eth_getTransactionByHash", [transactionHash.ToString()], cancellationToken).ConfigureAwait(false);
        return transaction.ValueKind == JsonValueKind.Null ? null : RpcReader.Address(RpcReader.Field(transaction, "from", "eth_getTransactionByHash"), "eth_getTransactionByHash", "from");
    }

    public async Task<BigInteger> GetBalanceAsync(Address account, CancellationToken cancellationToken) =>
        RpcReader.Quantity(await Rpc.CallAsync("eth_getBalance", [account.ToString(), "latest"], cancellationToken).ConfigureAwait(false), "eth_getBalance");

    /// <summary>The next nonce of <paramref name="account"/>, counting pending transactions.</summary>
    public async Task<BigInteger> GetTransactionCountAsync(Address account, CancellationToken cancellationToken) =>
        RpcReader.Quantity(await Rpc.CallAsync("eth_getTransactionCount", [account.ToString(), "pending"], cancellationToken).ConfigureAwait(false), "eth_getTransactionCount");

    /// <summary>The count of <paramref name="account"/>'s mined transactions (its next nonce at the latest block).</summary>
    public async Task<BigInteger> GetMinedTransactionCountAsync(Address account, CancellationToken cancellationToken) =>
        RpcReader.Quantity(await Rpc.CallAsync("eth_getTransactionCount", [account.ToString(), "latest"], cancellationToken).ConfigureAwait(false), "eth_getTransactionCount");

    public async Task<byte[]> GetCodeAsync(Address account, CancellationToken cancellationToken) =>
        RpcReader.Data(await Rpc.CallAsync("eth_getCode", [account.ToString(), "latest"], cancellationToken).ConfigureAwait(false), "eth_getCode");

    /// <summary>eth_call: runs <paramref name="data"/> against <paramref name="to"/> without a transaction.</summary>
    /// <exception cref="ChainException">The call reverted (with the decoded error) or the reply was malformed.</exception>
    public async Task<byte[]> CallAsync(Address to, byte[] data, CancellationToken cancellationToken, Address? from = null, string block = "latest") =>
        RpcReader.Data(await Rpc.CallAsync("eth_call", [CallObject(from, to, data, BigInteger.Zero), block], cancellationToken).ConfigureAwait(false), "eth_call");

    /// <summary>eth_estimateGas; a revert during estimation throws with the decoded error.</summary>
    public async Task<BigInteger> EstimateGasAsync(Address from, Address? to, byte[] data, BigInteger value, CancellationToken cancellationToken) =>
        RpcReader.Quantity(await Rpc.CallAsync("eth_estimateGas", [CallObject(from, to, data, value)], cancellationToken).ConfigureAwait(false), "eth_estimateGas");

    /// <summary>EIP-1559 fees: max fee = 2 × latest base fee + priority fee, so the transaction survives a few full blocks.</summary>
    public async Task<(BigInteger MaxFeePerGas, BigInteger MaxPriorityFeePerGas)> GetFeesAsync(CancellationToken cancellationToken)
    {
        var block = await Rpc.CallAsync("eth_getBlockByNumber", ["latest", false], cancellationToken).ConfigureAwait(false);
        var baseFee = RpcReader.Quantity(RpcReader.Field(block, "baseFeePerGas", "eth_getBlockByNumber"), "eth_getBlockByNumber", "baseFeePerGas");
        var priority = RpcReader.Quantity(await Rpc.CallAsync("eth_maxPriorityFeePerGas", [], cancellationToken).ConfigureAwait(false), "eth_maxPriorityFeePerGas");
        return ((baseFee * 2) + priority, priority);
    }

    public Task<Hash32> SendRawTransactionAsync(SignedTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return SendRawAsync(transaction.Raw, transaction.Hash, cancellationToken);
    }

    // Sending signed bytes the node already holds is not an error: a retried or resubmitted send of one transaction.
    // geth says "already known", anvil "transaction already imported" for one still pending, and both "nonce too low"
    // once it is mined, which is ours when the node knows the hash (RpcRobustnessTests drop the first reply).
    private async Task<Hash32> SendRawAsync(byte[] raw, Hash32 expected, CancellationToken cancellationToken)
    {
        JsonElement result;
        try
        {
            result = await Rpc.CallAsync("eth_sendRawTransaction", [Hex.Encode(raw)], cancellationToken).ConfigureAwait(false);
        }
        catch (ChainException error) when (!error.IsTransport && (error.Message.Contains("already known", StringComparison.OrdinalIgnoreCase) || error.Message.Contains("already imported", StringComparison.OrdinalIgnoreCase)))
        {
            return expected;
        }
        catch (ChainException error) when (!error.IsTransport && error.Message.Contains("nonce too low", StringComparison.OrdinalIgnoreCase))
        {
            if (await IsKnownAsync(expected, cancellationToken).ConfigureAwait(false))
            {
                return expected; // an automining node mined the first send before the retry: "nonce too low" for our own transaction
            }
            throw;
        }
        var hash = RpcReader.Hash(result, "eth_sendRawTransaction");
        return hash == expected
            ? hash
            : Errors.Rpc<Hash32>("eth_sendRawTransaction", $"node returned hash {hash} but the transaction hashes to {expected}");
    }

    private async Task<bool> IsKnownAsync(Hash32 hash, CancellationToken cancellationToken) =>
        (await Rpc.CallAsync("eth_getTransactionByHash", [hash.ToString()], cancellationToken).ConfigureAwait(false)).ValueKind != JsonValueKind.Null;

    /// <summary>
    /// Sends the sender's journaled transactions again, same bytes and nonce (called under the nonce lock): one whose
    /// nonce is already mined, or that the node refuses, is forgotten. Returns those still pending.
    /// </summary>
    internal async Task<IReadOnlyList<PendingTransaction>> ResubmitJournaledAsync(ITransactionJournal journal, Address sender, CancellationToken cancellationToken)
    {
        var pending = journal.Pending(sender);
        if (pending.Count == 0)
        {
            return pending;
        }
        var mined = await GetMinedTransactionCountAsync(sender, cancellationToken).ConfigureAwait(false);
        var resent = new List<PendingTransaction>();
        foreach (var transaction in pending)
        {
            if (transaction.Nonce < mined)
            {
                journal.Forget(transaction.Hash); // mined: this transaction, or another that took its nonce
                continue;
            }
            try
            {
                await SendRawAsync(transaction.Raw, transaction.Hash, cancellationToken).ConfigureAwait(false);
                ChainMetrics.Transaction("resubmitted");
                resent.Add(transaction);
            }
            catch (ChainException error) when (!error.IsTransport)
            {
                journal.Forget(transaction.Hash); // refused (nonce too low, fee too low): it will never be mined as is
            }
        }
        return resent;
    }

    /// <summary>
    /// For a process starting again: sends every journaled transaction of <paramref name="sender"/> that is not mined
    /// yet once more with its own nonce and bytes, waits for their receipts and forgets them. Returns the receipts.
    /// </summary>
    /// <exception cref="InvalidOperationException">No <see cref="Journal"/> is set.</exception>
    public Task<IReadOnlyList<TransactionReceipt>> ResumePendingAsync(Address sender, CancellationToken cancellationToken)
    {
        var journal = Journal ?? throw new InvalidOperationException("ResumePendingAsync needs a Journal (ChainClient.Journal)");
        return _nonces.HoldAsync<IReadOnlyList<TransactionReceipt>>(sender, async () =>
        {
            var receipts = new List<TransactionReceipt>();
            foreach (var transaction in await ResubmitJournaledAsync(journal, sender, cancellationToken).ConfigureAwait(false))
            {
                receipts.Add(await WaitForReceiptAsync(transaction.Hash, ReceiptTimeout, cancellationToken).ConfigureAwait(false));
                journal.Forget(transaction.Hash);
            }
            return receipts;
        }, cancellationToken);
    }

    /// <summary>The receipt, or null while the transaction is not mined.</summary>
    public async Task<TransactionReceipt?> GetReceiptAsync(Hash32 transactionHash, CancellationToken cancellationToken)
    {
        var result = await Rpc.CallAsync("eth_getTransactionReceipt", [transactionHash.ToString()], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Null ? null : RpcReader.Receipt(result, "eth_getTransactionReceipt");
    }

    /// <summary>The longest wait between two looks for a receipt: a quarter of a 1 s block, so a mined transaction is seen at most 250 ms late.</summary>
    public static readonly TimeSpan ReceiptPollCap = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Polls for the receipt (20 ms, doubling to <see cref="ReceiptPollCap"/>) until it exists or <paramref name="timeout"/>
    /// passes. An RPC failure is retried with backoff inside each call (JsonRpcClient, RpcPolicy), not here.
    /// </summary>
    /// <exception cref="ChainException">Not mined within the timeout.</exception>
    public async Task<TransactionReceipt> WaitForReceiptAsync(Hash32 transactionHash, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + timeout;
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            if (await GetReceiptAsync(transactionHash, cancellationToken).ConfigureAwait(false) is { } receipt)
            {
                return receipt;
            }
            if (_time.GetUtcNow() >= deadline)
            {
                throw new ChainException($"transaction {transactionHash} not mined within {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s; is the node mining?");
            }
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, ReceiptPollCap.TotalMilliseconds));
        }
    }

    public async Task<IReadOnlyList<LogEntry>> GetLogsAsync(LogFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var result = await Rpc.CallAsync("eth_getLogs", [filter.ToJson()], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Array
            ? result.EnumerateArray().Select(l => RpcReader.Log(l, "eth_getLogs")).ToList()
            : Errors.Rpc<IReadOnlyList<LogEntry>>("eth_getLogs", $"result is not an array: {result}");
    }

    /// <summary>
    /// Signs and sends an EIP-1559 transaction, waits for its receipt, and throws when it reverted.
    /// Gas is estimated (+25 %) unless <paramref name="gasLimit"/> is given; a revert found while estimating throws before sending.
    /// </summary>
    /// <exception cref="ChainException">The transaction would revert or did revert (with the decoded error), or the node refused it.</exception>
    public async Task<TransactionReceipt> SendAsync(SigningKey from, Address? to, byte[] data, BigInteger value, CancellationToken cancellationToken, BigInteger? gasLimit = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(data);
        var gas = gasLimit ?? (await EstimateGasAsync(from.Address, to, data, value, cancellationToken).ConfigureAwait(false) * 5 / 4);
        var (maxFee, priority) = await GetFeesAsync(cancellationToken).ConfigureAwait(false);
        var sentNonce = BigInteger.Zero;
        var hash = await _nonces.SendWithNextNonceAsync(from.Address, async nonce =>
        {
            sentNonce = nonce;
            var signed = new Eip1559Transaction(ChainId, nonce, priority, maxFee, gas, to, value, data).Sign(from);
            var journal = Journal;
            journal?.Record(new PendingTransaction(from.Address, nonce, signed.Hash, signed.Raw)); // before it can reach the node
            try
            {
                var sent = await SendRawTransactionAsync(signed, cancellationToken).ConfigureAwait(false);
                ChainMetrics.Transaction("new");
                return sent;
            }
            catch (ChainException error) when (!error.IsTransport)
            {
                journal?.Forget(signed.Hash); // refused: it holds no nonce. A transport failure keeps it, to be sent again.
                throw;
            }
        }, cancellationToken).ConfigureAwait(false);
        var receipt = await WaitForReceiptAsync(hash, ReceiptTimeout, cancellationToken).ConfigureAwait(false);
        if (Journal is { } mined)
        {
            foreach (var earlier in mined.Pending(from.Address).Where(p => p.Nonce <= sentNonce))
            {
                mined.Forget(earlier.Hash); // mined with ours or before it (nonces are mined in order): resent ones too
            }
        }
        if (!receipt.Succeeded)
        {
            throw await MinedRevertAsync(from.Address, to, data, value, receipt, cancellationToken).ConfigureAwait(false);
        }
        return receipt;
    }

    // A mined transaction's receipt carries no revert data: replay it as a call at the parent block to read the reason.
    // A pruning node (anvil --prune-history) may have dropped that state; then replay at the latest block.
    private async Task<ChainException> MinedRevertAsync(Address from, Address? to, byte[] data, BigInteger value, TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        var what = $"transaction {receipt.TransactionHash} from {from} to {to?.ToString() ?? "(create)"} reverted in block {receipt.BlockNumber} using {receipt.GasUsed} gas";
        ChainException? last = null;
        foreach (var block in new[] { Quantity.Format(receipt.BlockNumber - 1), "latest" })
        {
            try
            {
                await Rpc.CallAsync("eth_call", [CallObject(from, to, data, value), block], cancellationToken).ConfigureAwait(false);
            }
            catch (ChainException replay) when (replay.Revert is not null)
            {
                return new ChainException($"{what}: {replay.Revert}", replay.RpcCode, replay.Revert) { MinedTransaction = receipt.TransactionHash };
            }
            catch (ChainException replay)
            {
                last = replay;
            }
        }
        return new ChainException($"{what}; replaying it as a call gave no revert reason ({last?.Message ?? "it did not revert"})") { MinedTransaction = receipt.TransactionHash };
    }

    private static Dictionary<string, object?> CallObject(Address? from, Address? to, byte[] data, BigInteger value)
    {
        var call = new Dictionary<string, object?> { ["data"] = Hex.Encode(data) };
        if (from is { } sender)
        {
            call["from"] = sender.ToString();
        }
        if (to is { } target)
        {
            call["to"] = target.ToString();
        }
        if (!value.IsZero)
        {
            call["value"] = Quantity.Format(value);
        }
        return call;
    }

    public void Dispose()
    {
        (Journal as IDisposable)?.Dispose();
        _nonces.Dispose();
        Rpc.Dispose();
    }
}
