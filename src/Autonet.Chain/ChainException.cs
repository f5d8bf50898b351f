using Autonet.Core;

namespace Autonet.Chain;

/// <summary>
/// A chain operation failed: a JSON-RPC error, a malformed reply, a wrong chain id, or a contract revert.
/// <see cref="RpcCode"/> carries the JSON-RPC error code when the node sent one; <see cref="Revert"/> the decoded
/// revert reason when the call reverted with data we could read.
/// </summary>
public sealed class ChainException : AutonetException
{
    public ChainException()
    {
    }

    public ChainException(string message) : base(message)
    {
    }

    public ChainException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ChainException(string message, long? rpcCode, RevertReason? revert)
        : base(message)
    {
        RpcCode = rpcCode;
        Revert = revert;
    }

    /// <summary>
    /// True when the node was not heard (connection refused or dropped, a timeout, HTTP 429/502/503/504): the same
    /// call may succeed later. False for an answer: an error reply, a revert, a malformed or oversized reply.
    /// </summary>
    public bool IsTransport { get; init; }

    /// <summary>The JSON-RPC error code (e.g. -32000, 3 for execution reverted), when the node sent one.</summary>
    public long? RpcCode { get; }

    /// <summary>The decoded revert (error name and values), when the failure was a revert.</summary>
    public RevertReason? Revert { get; }

    /// <summary>The mined transaction that reverted (its gas was spent); null when nothing was mined (refused before sending).</summary>
    public Autonet.Core.Ids.Hash32? MinedTransaction { get; init; }
}
