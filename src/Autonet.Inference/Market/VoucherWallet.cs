// The client's side of payment: before each request it signs the next cumulative voucher (total so far plus the price),
// and after it checks the provider's receipt: signed by that provider, over the request it sent and the vectors it got.
// A voucher is spent once signed, whether or not an answer comes back (a lost answer costs at most one price), so totals
// only ever grow and no voucher is ever signed twice. Receipts are kept for disputes (InferenceMarket.openDispute); with a
// PaymentLog both the totals and the receipts are also on disk, so a restart resumes above the last total.
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Core.Ids;

namespace Autonet.Inference.Market;

/// <summary>Signs vouchers for one provider and project, and checks and keeps its receipts.</summary>
public sealed class VoucherWallet
{
    private readonly Lock _lock = new();
    private readonly List<PaidReceipt> _receipts = [];
    private readonly SigningKey _client;
    private readonly PaymentLog? _log;
    private BigInteger _spent;

    /// <param name="client">The paying key.</param>
    /// <param name="domain">The market's EIP-712 domain.</param>
    /// <param name="provider">The provider paid.</param>
    /// <param name="projectId">The project whose model it serves.</param>
    /// <param name="price">ATN base units per request (the provider's advertised price).</param>
    /// <param name="spent">The total already signed to this provider (a restarted client must not sign lower totals).</param>
    /// <param name="log">Where signed totals and receipts are kept; its highest total raises <paramref name="spent"/>.</param>
    public VoucherWallet(SigningKey client, TypedDataDomain domain, Address provider, BigInteger projectId, BigInteger price, BigInteger spent, PaymentLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(domain);
        if (price.Sign < 0 || spent.Sign < 0)
        {
            Errors.Argument(price.Sign < 0 ? nameof(price) : nameof(spent), $"price {price} and spent {spent} must be at least 0");
        }
        (_client, Domain, Provider, ProjectId, Price, _log) = (client, domain, provider, projectId, price, log);
        _spent = BigInteger.Max(spent, log?.Spent ?? 0);
        _receipts.AddRange(log?.Receipts ?? []);
    }

    public TypedDataDomain Domain { get; }

    public Address Provider { get; }

    public BigInteger ProjectId { get; }

    public BigInteger Price { get; }

    public Address Client => _client.Address;

    /// <summary>The total signed so far.</summary>
    public BigInteger Spent
    {
        get
        {
            lock (_lock)
            {
                return _spent;
            }
        }
    }

    /// <summary>Receipts of the answers so far, oldest first.</summary>
    public IReadOnlyList<PaidReceipt> Receipts
    {
        get
        {
            lock (_lock)
            {
                return [.. _receipts];
            }
        }
    }

    /// <summary>Signs the next voucher (total + price, at least + 1) and returns its Autonet-Voucher header value.</summary>
    public string NextVoucherHeader()
    {
        Voucher voucher;
        lock (_lock)
        {
            _spent += BigInteger.Max(Price, BigInteger.One);
            voucher = new Voucher(_client.Address, Provider, ProjectId, _spent);
            _log?.AppendSpent(_spent); // on disk before the voucher leaves
        }
        return PaymentGate.FormatVoucher(voucher, voucher.Sign(Domain, _client));
    }

    /// <summary>Checks the receipt header of an answer to (endpoint, body) that carried <paramref name="output"/>, and keeps it.</summary>
    /// <exception cref="InvalidDataException">No receipt, a malformed one, not signed by the provider, or over another request
    /// or output; the message names which.</exception>
    public PaidReceipt AcceptReceipt(string? header, string endpoint, byte[] body, IReadOnlyList<float[]> output)
    {
        if (!PaidReceipt.TryParse(header, out var receipt, out var signature, out var problem))
        {
            Errors.Format($"provider {Provider}", $"{PaidReceipt.Header}: {(string.IsNullOrEmpty(header) ? "missing" : problem)}");
        }
        var request = PaidHashes.RequestBytes(endpoint, body);
        var problems = new List<string>();
        if (receipt.RecoverSigner(Domain, signature) != Provider || receipt.Provider != Provider)
        {
            problems.Add($"not signed by provider {Provider}");
        }
        if (receipt.Client != Client || receipt.ProjectId != ProjectId)
        {
            problems.Add($"for client {receipt.Client}, project {receipt.ProjectId}, not {Client}, {ProjectId}");
        }
        if (receipt.RequestHash != Core.Hashing.Keccak256.Hash(request))
        {
            problems.Add("over another request");
        }
        if (receipt.ResponseHash != PaidHashes.Response(output))
        {
            problems.Add("over another response than the vectors received");
        }
        if (problems.Count > 0)
        {
            Errors.Format($"provider {Provider}", $"{PaidReceipt.Header} is {string.Join("; ", problems)}");
        }
        var paid = new PaidReceipt(receipt, signature, request);
        lock (_lock)
        {
            _receipts.Add(paid);
            _log?.AppendReceipt(paid);
        }
        return paid;
    }
}
