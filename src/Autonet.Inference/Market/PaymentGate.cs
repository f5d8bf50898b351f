// The provider's side of payment, around each paid endpoint: Check before the model runs (a voucher in the
// Autonet-Voucher header, signed by its client for this provider and project, raising the client's total by at least the
// price, within the client's deposit on chain), Settle after it ran (record the voucher, sign the receipt into the
// Autonet-Receipt header). A refusal is 402 with OpenAI's error object naming the header, the value and the rule.
using System.Globalization;
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Core.Codecs;
using Autonet.Core.Ids;
using Autonet.Inference.Api;
using Microsoft.AspNetCore.Http;

namespace Autonet.Inference.Market;

/// <summary>Admits paid requests and signs their receipts.</summary>
/// <param name="terms">The provider's key, domain, project, round and pricing.</param>
/// <param name="book">Where accepted vouchers are recorded.</param>
/// <param name="availableOf">The most a client's vouchers may total (its deposit minus withdrawals; InferenceMarket.channelOf).</param>
public sealed class PaymentGate(MarketTerms terms, VoucherBook book, Func<Address, CancellationToken, Task<BigInteger>> availableOf)
{
    /// <summary>The request header carrying the voucher.</summary>
    public const string Header = "Autonet-Voucher";

    private static readonly string[] Keys = ["client", "cumulative", "signature"];

    public MarketTerms Terms => terms;

    public VoucherBook Book => book;

    /// <summary>The voucher header a client sends: client=0x…; cumulative=N; signature=0x….</summary>
    public static string FormatVoucher(Voucher voucher, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(voucher);
        ArgumentNullException.ThrowIfNull(signature);
        return HeaderFields.Write(("client", voucher.Client.ToString()), ("cumulative", voucher.Cumulative.ToString(CultureInfo.InvariantCulture)), ("signature", Hex.Encode(signature)));
    }

    /// <summary>Checks the request's voucher before any work.</summary>
    /// <exception cref="ApiException">402 with code payment_required, voucher_malformed, voucher_bad_signature, voucher_replayed or voucher_over_deposit.</exception>
    public async Task<Payment> CheckAsync(HttpContext context, PricedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var price = terms.Pricing.PriceOf(request);
        var provider = terms.Provider.Address;
        var header = context.Request.Headers[Header].ToString();
        if (header.Length == 0)
        {
            Refuse($"this provider charges {price} ATN base units per request: send an {Header} header (client=0x…; cumulative=N; signature=0x…), an EIP-712 voucher for provider {provider}, project {terms.ProjectId}", "payment_required");
        }
        if (!HeaderFields.TryParse(header, Keys, out var f, out var problem)
            || !f.TryAddress("client", out var client, out problem) || !f.TryAmount("cumulative", out var cumulative, out problem)
            || !f.TrySignature("signature", out var signature, out problem))
        {
            Refuse($"{Header}: {problem}", "voucher_malformed");
            return default!; // unreachable: Refuse throws
        }
        var voucher = new Voucher(client, provider, terms.ProjectId, cumulative);
        if (voucher.RecoverSigner(terms.Domain, signature) is not { } signer || signer != client)
        {
            Refuse($"{Header}: the voucher for client {client}, total {cumulative}, is not signed by {client} for provider {provider}, project {terms.ProjectId} (EIP-712 domain of market {terms.Domain.VerifyingContract})", "voucher_bad_signature");
        }
        var latest = book.LatestOf(client);
        if (cumulative - latest < BigInteger.Max(price, BigInteger.One))
        {
            Refuse($"{Header}: total {cumulative} must be at least {latest + BigInteger.Max(price, BigInteger.One)} (the last accepted total {latest} plus the price {price}); a replayed or stale voucher buys nothing", "voucher_replayed");
        }
        var available = await availableOf(client, cancellationToken).ConfigureAwait(false);
        if (cumulative > available)
        {
            Refuse($"{Header}: total {cumulative} is over client {client}'s deposit {available} for provider {provider}, project {terms.ProjectId}; deposit more with `autonet market deposit`", "voucher_over_deposit");
        }
        return new Payment(voucher, signature, price);
    }

    /// <summary>Records the voucher and puts the signed receipt of (request, output) in the Autonet-Receipt header.</summary>
    /// <exception cref="ApiException">402 voucher_replayed: a concurrent request of the same client took this total first.</exception>
    public PaidReceipt Settle(HttpContext context, Payment payment, string endpoint, byte[] body, IReadOnlyList<float[]> output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(payment);
        if (!book.TryRecord(payment.Voucher, payment.Signature, payment.Price, out var latest))
        {
            Refuse($"{Header}: total {payment.Voucher.Cumulative} was overtaken by a concurrent request (accepted total now {latest})", "voucher_replayed");
        }
        var request = PaidHashes.RequestBytes(endpoint, body);
        var receipt = new InferenceReceipt(terms.Provider.Address, payment.Voucher.Client, terms.ProjectId, terms.Round, Core.Hashing.Keccak256.Hash(request), PaidHashes.Response(output));
        var signature = receipt.Sign(terms.Domain, terms.Provider);
        context.Response.Headers[PaidReceipt.Header] = PaidReceipt.Format(receipt, signature);
        return new PaidReceipt(receipt, signature, request);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Refuse(string message, string code) => throw new ApiException(402, message, Header, code);
}
