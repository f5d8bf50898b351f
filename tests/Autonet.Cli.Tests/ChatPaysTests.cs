using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Autonet.Inference.Decoding;
using Autonet.Inference.Market;
using Autonet.Inference.Serving;
using Autonet.Node.Market;

namespace Autonet.Cli.Tests;

/// <summary>
/// A scenario on a real anvil: the user's node runs `autonet serve --decoder … --provider URL --pay-provider ADDRESS`,
/// and its /v1/chat/completions slow path pays the provider with vouchers from the node's channel; the provider redeems
/// and the split lands; the node kept the totals and receipts in its home.
/// </summary>
public sealed class ChatPaysTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _home = CliProcess.NewHome();

    [Fact]
    public async Task ServeDecoderWithPayProvider_SlowPathPaysVouchers_ProviderRedeemsTheSplit()
    {
        await using var net = await MarketChain.StartAsync(_home, None);
        Assert.Equal(0, (await CliProcess.RunAsync("--home", _home, "market", "deposit", "--project", "1", "--provider", net.Provider.Address.ToString(), "--amount", "1")).Code);
        using var served = ModelLoader.FromBytes(net.ModelBytes, "project-1", "the project's round 0");
        var (server, gate) = await net.ServeAsync(served, None);
        await using var _server = server;
        var decoderPath = Path.Combine(_home, "decoder.safetensors");
        var shape = served.KVectors;
        var config = new DecoderConfig { K = shape.K, D = shape.D, PlanContext = served.Model.Config.MaxTokens - shape.K, Window = 8, Embed = 8, Hidden = 32, Layers = 1, Condition = 16 };
        DecoderFile.Save(decoderPath, new FilmDecoder(config, 1), served.Cid!.Value.ToString()); // FromBytes sets the CID
        string[] chatNode = ["--home", _home, "serve", "--decoder", decoderPath, "--provider", server.Address.ToString(), "--provider-model", "project-1", "--port", "0"];

        var badAddress = await CliProcess.RunAsync([.. chatNode, "--pay-provider", "0x12"]);
        var notProvider = await CliProcess.RunAsync([.. chatNode, "--pay-provider", net.Node.Address.ToString()]);
        using var chat = CliProcess.Start([.. chatNode, "--pay-provider", net.Provider.Address.ToString(), "--pay-project", "1"]);
        string[] paths;
        try
        {
            var address = await ServingAddressAsync(chat);
            using var http = new HttpClient { BaseAddress = address };
            paths = [await ChatAsync(http, "what is dpkg?"), await ChatAsync(http, "what is dpkg?"), await ChatAsync(http, "and apt?")];
        }
        finally
        {
            await CliProcess.InterruptAsync(chat);
        }
        var before = await net.System.Token.BalanceOfAsync(net.Provider.Address, None);
        var redeemed = Assert.Single(await MarketGate.RedeemAsync(net.System, net.Provider, gate.Book, None));

        Assert.Equal(2, badAddress.Code);
        Assert.Contains("--pay-provider '0x12': expected an address", badAddress.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, notProvider.Code);
        Assert.Contains("not a provider of project 1 on chain", notProvider.Stderr, StringComparison.Ordinal);
        Assert.Equal(["slow", "fast", "slow"], paths); // the repeated context is served from the cached plan, unpaid
        Assert.Equal(net.Node.Address, redeemed.Voucher.Client);
        Assert.Equal(2 * net.Price, redeemed.Paid.Amount);
        Assert.Equal(2 * net.Price * 8 / 10, await net.System.Token.BalanceOfAsync(net.Provider.Address, None) - before); // the default 80 % share
        var log = new PaymentLog(PaymentLog.PathIn(_home, net.Provider.Address, net.ProjectId));
        Assert.Equal(2 * net.Price, log.Spent);
        Assert.Equal(2, log.Receipts.Count);
    }

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private static async Task<string> ChatAsync(HttpClient http, string question)
    {
        using var response = await http.PostAsJsonAsync("v1/chat/completions", new { model = "autonet-chat", max_tokens = 4, messages = new[] { new { role = "user", content = question } } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("autonet").GetProperty("path").GetString()!;
    }

    private static async Task<Uri> ServingAddressAsync(Process serve)
    {
        var said = "";
        while (!said.Contains("serving at", StringComparison.Ordinal))
        {
            said += await CliProcess.ReadLineAsync(serve) + "\n";
        }
        Assert.Contains("chat pays provider", said, StringComparison.Ordinal);
        return new Uri(Regex.Match(said, @"http://[0-9.]+:[0-9]+/").Value);
    }
}
