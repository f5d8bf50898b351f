using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Core.Ids;
using Autonet.Inference.Chat;
using Autonet.Inference.Encoders;
using Autonet.Inference.Market;

namespace Autonet.Inference.Tests.Market;

/// <summary>
/// A paid server over real HTTP: vouchers checked before the work (missing, malformed, forged, replayed, over the
/// deposit each refused with 402 naming the header), receipts the client verifies, a book that survives a restart, and
/// re-execution that reproduces an honest response hash and not a different model's. The deposit is a fixed figure here;
/// tests/Autonet.Scenarios reads it from the real contract.
/// </summary>
public sealed class PaymentGateTests : IDisposable
{
    private static readonly TypedDataDomain Domain = InferenceMarket.DomainOf(31337, Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"));
    private readonly SigningKey _provider = SigningKey.Generate();
    private readonly SigningKey _client = SigningKey.Generate();
    private readonly string _dir = Directory.CreateTempSubdirectory("autonet-vouchers-").FullName;

    [Fact]
    public async Task KVectors_PaidWithWallet_ReceiptVerifiesAndReexecutionMatches()
    {
        var model = TestModels.Text();
        var (gate, book) = Gate(price: 10, deposit: 100);
        await using var f = await ServerFixture.StartAsync([model], payments: gate);
        var wallet = new VoucherWallet(_client, Domain, _provider.Address, 1, 10, 0);
        var client = new ProviderClient(f.Http, f.Server.Address, "text", wallet);
        ChatMessage[] messages = [new("user", "hello there")];

        var plan = await client.TryKVectorsAsync(messages, model.KVectors.K, model.KVectors.D, CancellationToken.None);
        await client.TryKVectorsAsync(messages, model.KVectors.K, model.KVectors.D, CancellationToken.None);

        Assert.NotNull(plan);
        Assert.Equal(2, wallet.Receipts.Count);
        Assert.Equal(20, book.LatestOf(_client.Address));
        var receipt = wallet.Receipts[0];
        Assert.Equal(receipt.Receipt.ResponseHash, await ResponseRecomputer.RecomputeAsync(model, receipt.Request, CancellationToken.None));
        using var other = TestModels.Text(seed: 99);
        Assert.NotEqual(receipt.Receipt.ResponseHash, await ResponseRecomputer.RecomputeAsync(other, receipt.Request, CancellationToken.None));
    }

    [Fact]
    public async Task Embeddings_MissingMalformedForgedReplayedOrOverDeposit_Refused402()
    {
        var (gate, _) = Gate(price: 10, deposit: 25);
        await using var f = await ServerFixture.StartAsync([TestModels.Text()], payments: gate);
        var good = Voucher(10, _client);

        var missing = await PostAsync(f, null);
        var malformed = await PostAsync(f, "client=0x12; cumulative=10; signature=0x00");
        var unknownKey = await PostAsync(f, good + "; tip=1");
        var forged = await PostAsync(f, Voucher(10, _client, signer: SigningKey.Generate()));
        var paid = await PostAsync(f, good);
        var replayed = await PostAsync(f, good);
        var tooLow = await PostAsync(f, Voucher(15, _client));
        var over = await PostAsync(f, Voucher(30, _client));

        Assert.Equal((402, "payment_required"), missing);
        Assert.Equal((402, "voucher_malformed"), malformed);
        Assert.Equal((402, "voucher_malformed"), unknownKey);
        Assert.Equal((402, "voucher_bad_signature"), forged);
        Assert.Equal((200, "ok"), paid);
        Assert.Equal((402, "voucher_replayed"), replayed);
        Assert.Equal((402, "voucher_replayed"), tooLow); // 15 - 10 is under the price
        Assert.Equal((402, "voucher_over_deposit"), over);
    }

    [Fact]
    public void VoucherBook_Reloaded_KeepsTheHighestTotalPerClient()
    {
        var path = Path.Combine(_dir, "vouchers.jsonl");
        var book = new VoucherBook(_provider.Address, 1, path);
        foreach (var total in new[] { 5, 12 })
        {
            var voucher = new Voucher(_client.Address, _provider.Address, 1, total);
            Assert.True(book.TryRecord(voucher, voucher.Sign(Domain, _client), 5, out _));
        }
        Assert.False(book.TryRecord(new Voucher(_client.Address, _provider.Address, 1, 14), new byte[65], 5, out var latest));

        var reloaded = new VoucherBook(_provider.Address, 1, path);

        Assert.Equal(12, latest);
        var (voucherBack, signature) = Assert.Single(reloaded.Latest());
        Assert.Equal(new BigInteger(12), voucherBack.Cumulative);
        Assert.Equal(_client.Address, voucherBack.RecoverSigner(Domain, signature));
        File.AppendAllText(path, "{\"client\": 3}\n");
        var error = Assert.Throws<InvalidDataException>(() => new VoucherBook(_provider.Address, 1, path));
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wallet_ReceiptOverAnotherResponse_Throws()
    {
        var wallet = new VoucherWallet(_client, Domain, _provider.Address, 1, 10, 0);
        var body = "{}"u8.ToArray();
        var receipt = new InferenceReceipt(_provider.Address, _client.Address, 1, 0, Core.Hashing.Keccak256.Hash(PaidHashes.RequestBytes("/v1/kvectors", body)), PaidHashes.Response([[1f]]));
        var header = PaidReceipt.Format(receipt, receipt.Sign(Domain, _provider));

        var wrong = Assert.Throws<InvalidDataException>(() => wallet.AcceptReceipt(header, "/v1/kvectors", body, [[2f]]));
        var missing = Assert.Throws<InvalidDataException>(() => wallet.AcceptReceipt(null, "/v1/kvectors", body, [[1f]]));

        Assert.Contains("over another response", wrong.Message, StringComparison.Ordinal);
        Assert.Contains("missing", missing.Message, StringComparison.Ordinal);
        Assert.Single(new[] { wallet.AcceptReceipt(header, "/v1/kvectors", body, [[1f]]) });
    }

    public void Dispose()
    {
        _provider.Dispose();
        _client.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private (PaymentGate Gate, VoucherBook Book) Gate(long price, long deposit)
    {
        var book = new VoucherBook(_provider.Address, 1, Path.Combine(_dir, "book.jsonl"));
        var terms = new MarketTerms(_provider, Domain, 1, 0, new FlatPricing(price));
        return (new PaymentGate(terms, book, (_, _) => Task.FromResult(new BigInteger(deposit))), book);
    }

    private string Voucher(long total, SigningKey client, SigningKey? signer = null)
    {
        var voucher = new Voucher(client.Address, _provider.Address, 1, total);
        var signature = signer is null ? voucher.Sign(Domain, client) : (voucher with { Client = signer.Address }).Sign(Domain, signer);
        return PaymentGate.FormatVoucher(voucher, signature);
    }

    private static async Task<(int, string)> PostAsync(ServerFixture f, string? voucher)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/embeddings") { Content = JsonContent.Create(new { model = "text", input = "hi" }) };
        if (voucher is not null)
        {
            request.Headers.Add(PaymentGate.Header, voucher);
        }
        using var response = await f.Http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (!response.IsSuccessStatusCode)
        {
            Assert.Equal(PaymentGate.Header, body.GetProperty("error").GetProperty("param").GetString());
            return ((int)response.StatusCode, body.GetProperty("error").GetProperty("code").GetString()!);
        }
        Assert.True(response.Headers.Contains(PaidReceipt.Header));
        return ((int)response.StatusCode, "ok");
    }
}
