// The paid provider's wiring: Inference's PaymentGate with the client's deposit read from InferenceMarket.channelOf on
// each request (one eth_call; the deposit can only be withdrawn after WITHDRAW_DELAY, so a fresh read is the truth), and
// its voucher book in the node home.
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Inference.Market;

namespace Autonet.Node.Market;

/// <summary>Builds the payment gate of a provider serving a project's model.</summary>
public static class MarketGate
{
    /// <summary>The file a provider's accepted vouchers go to, in its home.</summary>
    public static string BookPath(NodeHome home, ulong projectId)
    {
        ArgumentNullException.ThrowIfNull(home);
        home.EnsureCreated();
        return home.File($"vouchers-project-{projectId}.jsonl");
    }

    /// <exception cref="InvalidOperationException">The deployment has no InferenceMarket.</exception>
    public static PaymentGate Create(AutonetSystem system, SigningKey provider, ulong projectId, ulong round, IPricing pricing, string? bookPath)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var market = Require(system);
        var terms = new MarketTerms(provider, market.Domain, projectId, round, pricing);
        var book = new VoucherBook(provider.Address, projectId, bookPath);
        return new PaymentGate(terms, book, async (client, ct) =>
            (await market.ChannelOfAsync(client, provider.Address, projectId, ct).ConfigureAwait(false)).Available);
    }

    /// <summary>Redeems every client's latest voucher that is above what the chain has redeemed; returns what each paid.</summary>
    public static async Task<IReadOnlyList<(Voucher Voucher, Redemption Paid)>> RedeemAsync(AutonetSystem system, SigningKey provider, VoucherBook book, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(book);
        var market = Require(system);
        var paid = new List<(Voucher, Redemption)>();
        foreach (var (voucher, signature) in book.Latest())
        {
            var channel = await market.ChannelOfAsync(voucher.Client, voucher.Provider, voucher.ProjectId, cancellationToken).ConfigureAwait(false);
            if (voucher.Cumulative > channel.Redeemed)
            {
                paid.Add((voucher, await market.RedeemAsync(provider, voucher, signature, cancellationToken).ConfigureAwait(false)));
            }
        }
        return paid;
    }

    /// <summary>The market of a deployment.</summary>
    public static InferenceMarket Require(AutonetSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.Market;
    }

    /// <summary>ATN base units as text for an error or a table.</summary>
    internal static string Format(BigInteger units) => $"{Atn.Format(units)} ATN";
}
