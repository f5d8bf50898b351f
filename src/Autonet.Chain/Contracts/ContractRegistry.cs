using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>Typed wrapper of ContractRegistry: every contract of a deployment by name, the one address a node needs (seed 002).</summary>
public sealed class ContractRegistry(Contract contract)
{
    /// <summary>What the registry's KIND() answers.</summary>
    public const string Kind = "autonet.registry.v1";

    public Contract Raw { get; } = contract;

    public Address Address => Raw.Address;

    public Task<string> KindAsync(CancellationToken cancellationToken) => Raw.CallAsync<string>("KIND", cancellationToken);

    /// <summary>The address under <paramref name="name"/>; a ChainException (UnknownContract) when none.</summary>
    public Task<Address> AddressOfAsync(string name, CancellationToken cancellationToken) => Raw.CallAsync<Address>("addressOf", cancellationToken, name);

    public async Task<IReadOnlyList<string>> NamesAsync(CancellationToken cancellationToken) =>
        [.. (await Raw.CallAsync<object[]>("names", cancellationToken).ConfigureAwait(false)).Cast<string>()];

    public Task<TransactionReceipt> SetContractsAsync(SigningKey owner, IReadOnlyList<string> names, IReadOnlyList<Address> addresses, CancellationToken cancellationToken) =>
        Raw.SendAsync(owner, "setContracts", cancellationToken, names.Cast<object>().ToArray(), addresses.Cast<object>().ToArray());
}
