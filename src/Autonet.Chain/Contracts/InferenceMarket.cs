using System.Numerics;
using Autonet.Chain.Crypto;
using Autonet.Chain.Rpc;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>
/// Typed wrapper of InferenceMarket: provider stakes per project, client deposits, redemption of EIP-712 vouchers (split by
/// the project's rates), and disputes of signed receipts voted by staked coordinators. Rules live in the contract; this
/// only encodes calls and decodes records.
/// </summary>
public sealed class InferenceMarket(Contract contract)
{
    public Contract Raw { get; } = contract;

    public Address Address => Raw.Address;

    /// <summary>The EIP-712 domain vouchers and receipts are signed in ("Autonet InferenceMarket", "1", chain, this contract).</summary>
    public TypedDataDomain Domain => DomainOf(Raw.Client.ChainId, Address);

    /// <summary>The domain of a market at <paramref name="market"/> on chain <paramref name="chainId"/>.</summary>
    public static TypedDataDomain DomainOf(BigInteger chainId, Address market) => new("Autonet InferenceMarket", "1", chainId, market);

    /// <summary>Sets the project's revenue split in basis points (sum 10000); only its owner.</summary>
    public Task<TransactionReceipt> SetRatesAsync(SigningKey owner, BigInteger projectId, RevenueRates rates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rates);
        return Raw.SendAsync(owner, "setRates", cancellationToken, projectId, (uint)rates.ProviderBps, (uint)rates.ProjectBps, (uint)rates.TreasuryBps);
    }

    public async Task<RevenueRates> RatesOfAsync(BigInteger projectId, CancellationToken cancellationToken)
    {
        var values = await Raw.CallAsync("ratesOf", cancellationToken, projectId).ConfigureAwait(false);
        return new RevenueRates((ushort)(BigInteger)values[0], (ushort)(BigInteger)values[1], (ushort)(BigInteger)values[2]);
    }

    /// <summary>Stakes <paramref name="amount"/> (approve the market first; 0 only updates) to serve the project at
    /// <paramref name="price"/> per request from <paramref name="endpoint"/>.</summary>
    public Task<TransactionReceipt> RegisterProviderAsync(SigningKey provider, BigInteger projectId, BigInteger amount, BigInteger price, string endpoint, CancellationToken cancellationToken) =>
        Raw.SendAsync(provider, "registerProvider", cancellationToken, projectId, amount, price, endpoint);

    public Task<TransactionReceipt> UnstakeProviderAsync(SigningKey provider, BigInteger projectId, BigInteger amount, CancellationToken cancellationToken) =>
        Raw.SendAsync(provider, "unstakeProvider", cancellationToken, projectId, amount);

    public async Task<ProviderRecord> ProviderOfAsync(Address provider, BigInteger projectId, CancellationToken cancellationToken) =>
        ProviderRecord.FromAbi((object[])(await Raw.CallAsync("providerOf", cancellationToken, provider, projectId).ConfigureAwait(false))[0]);

    /// <summary>Deposits <paramref name="amount"/> for requests to <paramref name="provider"/> (approve the market first).</summary>
    public Task<TransactionReceipt> DepositAsync(SigningKey client, Address provider, BigInteger projectId, BigInteger amount, CancellationToken cancellationToken) =>
        Raw.SendAsync(client, "deposit", cancellationToken, provider, projectId, amount);

    public Task<TransactionReceipt> RequestWithdrawalAsync(SigningKey client, Address provider, BigInteger projectId, CancellationToken cancellationToken) =>
        Raw.SendAsync(client, "requestWithdrawal", cancellationToken, provider, projectId);

    public Task<TransactionReceipt> WithdrawAsync(SigningKey client, Address provider, BigInteger projectId, CancellationToken cancellationToken) =>
        Raw.SendAsync(client, "withdraw", cancellationToken, provider, projectId);

    public async Task<ChannelRecord> ChannelOfAsync(Address client, Address provider, BigInteger projectId, CancellationToken cancellationToken) =>
        ChannelRecord.FromAbi((object[])(await Raw.CallAsync("channelOf", cancellationToken, client, provider, projectId).ConfigureAwait(false))[0]);

    /// <summary>Redeems a client's voucher; the sender is the provider. Returns the split (VoucherRedeemed).</summary>
    /// <exception cref="ChainException">It reverted: <c>VoucherAlreadyRedeemed</c>, <c>VoucherOverDeposit</c>, <c>InvalidVoucherSignature</c>.</exception>
    public async Task<Redemption> RedeemAsync(SigningKey provider, Voucher voucher, byte[] signature, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        ArgumentNullException.ThrowIfNull(provider);
        if (provider.Address != voucher.Provider)
        {
            throw new ArgumentException($"voucher is for provider {voucher.Provider}, but the key is {provider.Address}", nameof(provider));
        }
        var receipt = await Raw.SendAsync(provider, "redeem", cancellationToken, voucher.Client, voucher.ProjectId, voucher.Cumulative, signature).ConfigureAwait(false);
        var e = Raw.Events(receipt, "VoucherRedeemed").Single();
        return new Redemption((BigInteger)e["amount"], (BigInteger)e["providerShare"], (BigInteger)e["projectShare"], (BigInteger)e["treasuryShare"], receipt.GasUsed);
    }

    /// <summary>The voucher digest as the contract computes it (for checking the C# hashing against Solidity).</summary>
    public async Task<Hash32> VoucherDigestAsync(Voucher voucher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        return new(await Raw.CallAsync<byte[]>("voucherDigest", cancellationToken, voucher.Client, voucher.Provider, voucher.ProjectId, voucher.Cumulative).ConfigureAwait(false));
    }

    public async Task<Hash32> ReceiptDigestAsync(InferenceReceipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new(await Raw.CallAsync<byte[]>("receiptDigest", cancellationToken, [receipt.ToAbi()]).ConfigureAwait(false));
    }

    /// <summary>Disputes a signed receipt (the sender is its client; posts the bond, approve first) and returns the dispute id.</summary>
    public async Task<BigInteger> OpenDisputeAsync(SigningKey client, InferenceReceipt receipt, byte[] signature, byte[] request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var sent = await Raw.SendAsync(client, "openDispute", cancellationToken, receipt.ToAbi(), signature, request).ConfigureAwait(false);
        return (BigInteger)Raw.Events(sent, "DisputeOpened").Single()["disputeId"];
    }

    /// <summary>Disputes opened since <paramref name="fromBlock"/>, with the request bytes coordinators re-execute.</summary>
    public async Task<IReadOnlyList<OpenedDispute>> OpenedDisputesAsync(CancellationToken cancellationToken, ulong? fromBlock = null) =>
        (await Raw.QueryEventsAsync("DisputeOpened", cancellationToken, fromBlock).ConfigureAwait(false)).Select(e => new OpenedDispute(
            (BigInteger)e["disputeId"],
            new InferenceReceipt((Address)e["provider"], (Address)e["client"], (BigInteger)e["projectId"], (BigInteger)e["round"], new Hash32((byte[])e["requestHash"]), new Hash32((byte[])e["responseHash"])),
            (byte[])e["request"])).ToList();

    public Task<TransactionReceipt> VoteDisputeAsync(SigningKey coordinator, BigInteger disputeId, Hash32 recomputedHash, CancellationToken cancellationToken) =>
        Raw.SendAsync(coordinator, "voteDispute", cancellationToken, disputeId, recomputedHash);

    public Task<TransactionReceipt> ResolveDisputeAsync(SigningKey from, BigInteger disputeId, CancellationToken cancellationToken) =>
        Raw.SendAsync(from, "resolveDispute", cancellationToken, disputeId);

    public async Task<DisputeRecord> DisputeOfAsync(BigInteger disputeId, CancellationToken cancellationToken) =>
        DisputeRecord.FromAbi((object[])(await Raw.CallAsync("disputeOf", cancellationToken, disputeId).ConfigureAwait(false))[0]);

    /// <summary>Seconds coordinators have to vote (VOTE_WINDOW).</summary>
    public async Task<TimeSpan> VoteWindowAsync(CancellationToken cancellationToken) =>
        TimeSpan.FromSeconds((long)await Raw.CallAsync<BigInteger>("VOTE_WINDOW", cancellationToken).ConfigureAwait(false));

    /// <summary>The bond a dispute posts (DISPUTE_BOND).</summary>
    public Task<BigInteger> DisputeBondAsync(CancellationToken cancellationToken) => Raw.CallAsync<BigInteger>("DISPUTE_BOND", cancellationToken);
}
