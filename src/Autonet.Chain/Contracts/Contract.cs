using System.Numerics;
using Autonet.Chain.Abi;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// A deployed contract driven through its ABI at run time: call view functions, send transactions, decode events.
/// The typed wrappers (<see cref="TaskContract"/> and friends) are thin layers over this. Function names that do not
/// exist, or arguments that do not fit, fail before anything is sent.
/// </summary>
public sealed class Contract(ChainClient client, Address address, ContractAbi abi, string name = "contract")
{
    public ChainClient Client { get; } = client;

    public Address Address { get; } = address;

    public ContractAbi Abi { get; } = abi;

    public string Name { get; } = name;

    /// <summary>Calls a view/pure function and returns all its outputs.</summary>
    /// <exception cref="ChainException">The call reverted (decoded) or returned data that does not match the outputs.</exception>
    public async Task<object[]> CallAsync(string function, CancellationToken cancellationToken, params object[] arguments)
    {
        var abiFunction = Abi.Function(function);
        var data = await Client.CallAsync(Address, abiFunction.EncodeCall(arguments), cancellationToken).ConfigureAwait(false);
        if (!AbiDecoder.TryDecode(abiFunction.Outputs, data, out var values, out var problem))
        {
            throw new ChainException($"{Name}.{abiFunction.Signature} at {Address}: return data does not decode: {problem} (is the contract deployed there?)");
        }
        return values;
    }

    /// <summary>Calls a function and returns its single (first) output as <typeparamref name="T"/>.</summary>
    public async Task<T> CallAsync<T>(string function, CancellationToken cancellationToken, params object[] arguments)
    {
        var values = await CallAsync(function, cancellationToken, arguments).ConfigureAwait(false);
        return values.Length > 0 && values[0] is T value
            ? value
            : throw new ChainException($"{Name}.{function} returned {(values.Length == 0 ? "nothing" : values[0].GetType().Name)}, expected {typeof(T).Name}");
    }

    /// <summary>Sends a transaction calling <paramref name="function"/> and waits for its receipt.</summary>
    /// <exception cref="ChainException">It would revert or did revert, with the decoded error.</exception>
    public Task<TransactionReceipt> SendAsync(SigningKey from, string function, CancellationToken cancellationToken, params object[] arguments) =>
        SendWithValueAsync(from, BigInteger.Zero, function, cancellationToken, arguments);

    /// <summary>Sends with ETH attached (payable functions).</summary>
    public async Task<TransactionReceipt> SendWithValueAsync(SigningKey from, BigInteger value, string function, CancellationToken cancellationToken, params object[] arguments)
    {
        var data = Abi.Function(function).EncodeCall(arguments);
        try
        {
            return await Client.SendAsync(from, Address, data, value, cancellationToken).ConfigureAwait(false);
        }
        catch (ChainException error)
        {
            throw new ChainException($"{Name}.{function} from {from.Address}: {error.Message}", error.RpcCode, error.Revert);
        }
    }

    /// <summary>The receipt's logs of event <paramref name="eventName"/> emitted by this contract, decoded.</summary>
    public IReadOnlyList<DecodedEvent> Events(TransactionReceipt receipt, string eventName)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var abiEvent = Abi.Event(eventName);
        return receipt.Logs.Where(l => l.Address == Address && abiEvent.Matches(l)).Select(abiEvent.Decode).ToList();
    }

    /// <summary>All logs of <paramref name="eventName"/> from this contract since <paramref name="fromBlock"/>.</summary>
    public async Task<IReadOnlyList<DecodedEvent>> QueryEventsAsync(string eventName, CancellationToken cancellationToken, ulong? fromBlock = null)
    {
        var abiEvent = Abi.Event(eventName);
        var logs = await Client.GetLogsAsync(new LogFilter(Address, fromBlock, null, [abiEvent.Topic]), cancellationToken).ConfigureAwait(false);
        return logs.Select(abiEvent.Decode).ToList();
    }

    public override string ToString() => $"{Name} at {Address}";
}
