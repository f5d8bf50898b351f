using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Core.Ids;
using Autonet.Inference.Chat;
using Autonet.Inference.Encoders;
using Autonet.Inference.Market;

namespace Autonet.Inference.Tests.Market;

/// <summary>
/// The client's PaymentLog over a real paid server: a restarted wallet resumes above the last signed total (even one whose
/// answer never came) and keeps the receipts it had; a broken line is refused with its number.
/// </summary>
public sealed class PaymentLogTests : IDisposable
{
    private static readonly TypedDataDomain Domain = InferenceMarket.DomainOf(31337, Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"));
    private readonly SigningKey _provider = SigningKey.Generate();
    private readonly SigningKey _client = SigningKey.Generate();
    private readonly string _dir = Directory.CreateTempSubdirectory("autonet-payments-").FullName;

    [Fact]
    public async Task Restart_ResumesAboveLastSignedTotal_KeepsReceipts()
    {
        var model = TestModels.Text();
        var book = new VoucherBook(_provider.Address, 1, null);
        var gate = new PaymentGate(new MarketTerms(_provider, Domain, 1, 0, new FlatPricing(10)), book, (_, _) => Task.FromResult(new System.Numerics.BigInteger(1000)));
        await using var f = await ServerFixture.StartAsync([model], payments: gate);
        var path = PaymentLog.PathIn(_dir, _provider.Address, 1);
        var first = new VoucherWallet(_client, Domain, _provider.Address, 1, 10, 0, new PaymentLog(path));
        ChatMessage[] messages = [new("user", "hello")];
        await new ProviderClient(f.Http, f.Server.Address, "text", first).TryKVectorsAsync(messages, model.KVectors.K, model.KVectors.D, CancellationToken.None);
        first.NextVoucherHeader(); // signed, never sent: spent all the same

        var log = new PaymentLog(path);
        var resumed = log.Spent;
        var second = new VoucherWallet(_client, Domain, _provider.Address, 1, 10, 0, log);
        await new ProviderClient(f.Http, f.Server.Address, "text", second).TryKVectorsAsync(messages, model.KVectors.K, model.KVectors.D, CancellationToken.None);

        Assert.Equal(20, resumed);
        Assert.Equal(30, second.Spent);
        Assert.Equal(2, second.Receipts.Count);
        Assert.Equal(first.Receipts[0], new PaymentLog(path).Receipts[0], PaidReceiptComparer.Instance);
        Assert.Equal(30, book.Latest().Single().Voucher.Cumulative);
    }

    [Fact]
    public void Load_BrokenLine_NamesTheLine()
    {
        var path = Path.Combine(_dir, "broken.jsonl");
        File.WriteAllLines(path, ["""{"spent":"10"}""", """{"spent":"ten"}"""]);

        var e = Assert.Throws<InvalidDataException>(() => new PaymentLog(path));

        Assert.Contains("line 2: spent 'ten' is not a whole number", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _provider.Dispose();
        _client.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private sealed class PaidReceiptComparer : IEqualityComparer<PaidReceipt>
    {
        public static PaidReceiptComparer Instance { get; } = new();

        public bool Equals(PaidReceipt? x, PaidReceipt? y) =>
            x is not null && y is not null && x.Receipt == y.Receipt && x.Signature.SequenceEqual(y.Signature) && x.Request.SequenceEqual(y.Request);

        public int GetHashCode(PaidReceipt obj) => obj.Receipt.GetHashCode();
    }
}
