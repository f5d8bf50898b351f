using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>One storage provider as the chain lists it.</summary>
public sealed record ProviderListing(Address Provider, Uri Gateway);

/// <summary>Typed wrapper of ProviderRegistry: staked storage providers announce their gateway URL; nodes list them.</summary>
public sealed class ProviderRegistry(Contract contract)
{
    public Contract Raw { get; } = contract;

    public Address Address => Raw.Address;

    /// <summary>Lists the caller with its gateway URL; needs ModelShardRegistry's minimum provider stake.</summary>
    public Task<TransactionReceipt> AnnounceAsync(SigningKey provider, Uri gateway, CancellationToken cancellationToken) =>
        Raw.SendAsync(provider, "announce", cancellationToken, gateway.ToString());

    public Task<TransactionReceipt> WithdrawAsync(SigningKey provider, CancellationToken cancellationToken) =>
        Raw.SendAsync(provider, "withdraw", cancellationToken);

    public Task<bool> IsActiveAsync(Address provider, CancellationToken cancellationToken) =>
        Raw.CallAsync<bool>("isActive", cancellationToken, provider);

    /// <summary>Every listed provider; a URL that does not parse as absolute http(s) (the contract checks only the scheme) is left out.</summary>
    public async Task<IReadOnlyList<ProviderListing>> ListAsync(CancellationToken cancellationToken)
    {
        var values = await Raw.CallAsync("providers", cancellationToken).ConfigureAwait(false);
        var accounts = (object[])values[0];
        var gateways = (object[])values[1];
        var listings = new List<ProviderListing>();
        for (var i = 0; i < accounts.Length; i++)
        {
            if (Uri.TryCreate((string)gateways[i], UriKind.Absolute, out var url))
            {
                listings.Add(new ProviderListing((Address)accounts[i], url));
            }
        }
        return listings;
    }
}
