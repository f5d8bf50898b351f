using System.Text.Json;
using Autonet.Chain.Contracts;
using Autonet.Inference.Chat;
using Autonet.Inference.Market;
using Autonet.Inference.Serving;
using Autonet.Models.Jepa;

namespace Autonet.Cli.Tests;

/// <summary>
/// `autonet market dispute` as a client runs it, on a real anvil: the node paid a provider (receipts in its PaymentLog),
/// one answer came from the project's model and one from other weights; the command recomputes each from the chain's
/// published round and opens a dispute only over the wrong one.
/// </summary>
public sealed class MarketDisputeTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _home = CliProcess.NewHome();

    [Fact]
    public async Task Dispute_WrongSignedKVectors_OpensOnChain_HonestOneAndBadFlagsRefused()
    {
        await using var net = await MarketChain.StartAsync(_home, None);
        var deposited = await CliProcess.RunAsync("--home", _home, "market", "deposit", "--project", "1", "--provider", net.Provider.Address.ToString(), "--amount", "1");
        Assert.True(deposited.Code == 0, deposited.ToString());
        var log = new PaymentLog(PaymentLog.PathIn(_home, net.Provider.Address, net.ProjectId));
        var wallet = new VoucherWallet(net.Node, net.Market.Domain, net.Provider.Address, net.ProjectId, net.Price, 0, log);
        using var honest = ModelLoader.FromBytes(net.ModelBytes, "m", "the project's round 0");
        using var other = ModelLoader.FromBytes(Training.Jepa.ModelBytes.Serialize(new JepaModel(JepaConfig.Tiny(Modality.Text), 99)), "m", "other weights");
        var shape = honest.KVectors;
        using var http = new HttpClient();
        foreach (var (model, question) in new[] { (honest, "what is dpkg?"), (other, "and apt?") })
        {
            var (server, _) = await net.ServeAsync(model, None);
            await using (server)
            {
                Assert.NotNull(await new ProviderClient(http, server.Address, "m", wallet).TryKVectorsAsync([new("user", question)], shape.K, shape.D, None));
            }
        }
        var (right, wrong) = (log.Receipts[0], log.Receipts[1]);
        var gateway = net.Gateway.Address.ToString();

        var refused = await CliProcess.RunAsync("--home", _home, "market", "dispute", "--project", "1", "--gateway", gateway, "--request", right.Receipt.RequestHash.ToString());
        var badHash = await CliProcess.RunAsync("--home", _home, "market", "dispute", "--project", "1", "--gateway", gateway, "--request", "0x1234");
        var unknownProject = await CliProcess.RunAsync("--home", _home, "market", "dispute", "--project", "7", "--gateway", gateway);
        var opened = await CliProcess.RunAsync("--home", _home, "--json", "market", "dispute", "--project", "1", "--gateway", gateway);

        Assert.True(refused.Code == 1, refused.ToString());
        Assert.Contains("nothing to dispute", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, badHash.Code);
        Assert.Contains("--request '0x1234': expected a request hash", badHash.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, unknownProject.Code);
        Assert.Contains("--project 7: this node has paid no provider for it", unknownProject.Stderr, StringComparison.Ordinal);
        Assert.True(opened.Code == 0, opened.ToString());
        var printed = JsonDocument.Parse(opened.Stdout).RootElement;
        Assert.Equal(wrong.Receipt.ResponseHash.ToString(), printed.GetProperty("signed").GetString());
        Assert.NotEqual(printed.GetProperty("signed").GetString(), printed.GetProperty("recomputed").GetString());
        var dispute = await net.Market.DisputeOfAsync(ulong.Parse(printed.GetProperty("dispute").GetString()!, System.Globalization.CultureInfo.InvariantCulture), None);
        Assert.Equal(DisputeState.Open, dispute.State);
        Assert.Equal(wrong.Receipt, dispute.Receipt);
        Assert.Equal(1u, (await net.Market.ProviderOfAsync(net.Provider.Address, net.ProjectId, None)).OpenDisputes);
    }

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }
}
