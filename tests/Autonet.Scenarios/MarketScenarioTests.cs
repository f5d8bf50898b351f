using System.Net.Http.Json;
using System.Numerics;
using System.Text.Json;
using Autonet.Chain;
using Autonet.Chain.Contracts;
using Autonet.Chain.Dev;
using Autonet.Inference.Chat;
using Autonet.Inference.Decoding;
using Autonet.Inference.Encoders;
using Autonet.Inference.Market;
using Autonet.Inference.Serving;
using Autonet.Node.Market;

namespace Autonet.Scenarios;

/// <summary>
/// Issue 16's market on a real anvil with the real contracts and the real server: paid requests redeemed and split,
/// replayed and over-deposit vouchers refused by the provider and by the chain, a provider whose signed K-vectors differ
/// from the published model's slashed by the coordinators' re-execution (and an honest one not), and a client whose
/// provider went down still answered from its cached plan.
/// </summary>
public sealed class MarketScenarioTests(MarketNetwork net) : IClassFixture<MarketNetwork>, IAsyncLifetime
{
    private static readonly ChatMessage[] Hello = [new("user", "What is the Debian package vim for?")];
    private string? _snapshot;

    private static CancellationToken None => CancellationToken.None;

    public async Task InitializeAsync() => _snapshot = await net.Client.SnapshotAsync(None);

    public async Task DisposeAsync() => await net.Client.RevertAsync(_snapshot!, None);

    [Fact]
    public async Task PaidRequests_ProviderRedeems_SplitLandsByTheProjectsRates()
    {
        await net.Market.SetRatesAsync(net.Owner, net.ProjectId, new RevenueRates(7000, 2000, 1000), None);
        await net.Market.DepositAsync(net.User, net.Provider.Address, net.ProjectId, Atn.Units(1), None);
        var (model, round) = await net.PublishedAsync();
        var (server, gate) = await net.ServeAsync(model, round);
        await using var _ = server;
        using var http = new HttpClient();
        var client = new ProviderClient(http, server.Address, "net", net.Wallet());
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull(await client.TryKVectorsAsync([new("user", $"question {i}")], model.KVectors.K, model.KVectors.D, None));
        }
        var before = await BalancesAsync();

        var redeemed = Assert.Single(await MarketGate.RedeemAsync(net.System, net.Provider, gate.Book, None));

        var after = await BalancesAsync();
        var total = net.Price * 3;
        Assert.Equal(total, redeemed.Paid.Amount);
        Assert.Equal(total * 7 / 10, after.Provider - before.Provider);
        Assert.Equal(total * 2 / 10, after.Budget - before.Budget);
        Assert.Equal(total / 10, after.Treasury - before.Treasury);
        Assert.All(client.Wallet!.Receipts, r => Assert.Equal(round, (ulong)r.Receipt.Round));
        Assert.Empty(await MarketGate.RedeemAsync(net.System, net.Provider, gate.Book, None)); // nothing new to redeem
    }

    [Fact]
    public async Task Vouchers_ReplayedOrOverDeposit_RefusedByProviderAndChain()
    {
        await net.Market.DepositAsync(net.User, net.Provider.Address, net.ProjectId, net.Price * 2, None);
        var (model, round) = await net.PublishedAsync();
        var (server, gate) = await net.ServeAsync(model, round);
        await using var _ = server;
        using var http = new HttpClient { BaseAddress = server.Address };
        var wallet = net.Wallet();
        var first = wallet.NextVoucherHeader();

        var paid = await PostAsync(http, first);
        var replayed = await PostAsync(http, first);
        var second = await PostAsync(http, wallet.NextVoucherHeader());
        var over = await PostAsync(http, wallet.NextVoucherHeader()); // a third price: over the deposit of two

        Assert.Equal("ok", paid);
        Assert.Equal("voucher_replayed", replayed);
        Assert.Equal("ok", second);
        Assert.Equal("voucher_over_deposit", over);
        await MarketGate.RedeemAsync(net.System, net.Provider, gate.Book, None);
        var (latest, signature) = Assert.Single(gate.Book.Latest());
        var replay = await Assert.ThrowsAsync<ChainException>(() => net.Market.RedeemAsync(net.Provider, latest, signature, None));
        Assert.Equal("VoucherAlreadyRedeemed", replay.Revert?.Name);
        var tooMuch = latest with { Cumulative = net.Price * 3 };
        var overDeposit = await Assert.ThrowsAsync<ChainException>(() => net.Market.RedeemAsync(net.Provider, tooMuch, tooMuch.Sign(net.Market.Domain, net.User), None));
        Assert.Equal("VoucherOverDeposit", overDeposit.Revert?.Name);
        Assert.Equal(new object[] { net.Price * 3, net.Price * 2 }, overDeposit.Revert?.Values);
    }

    [Fact]
    public async Task WrongKVectors_ClientRecomputesAndDisputes_CoordinatorsVoteProviderSlashed()
    {
        await net.Market.DepositAsync(net.User, net.Provider.Address, net.ProjectId, Atn.Units(1), None);
        var (published, round) = await net.PublishedAsync("published");
        // The provider claims round 1 of the project but serves other weights (say, a cheaper model).
        var other = ModelLoader.FromBytes(Training.Jepa.ModelBytes.Serialize(new Models.Jepa.JepaModel(Models.Jepa.JepaConfig.Tiny(Models.Jepa.Modality.Text), 99)), "net", "not the project's");
        var (server, _) = await net.ServeAsync(other, round);
        await using var _s = server;
        using var http = new HttpClient();
        var client = new ProviderClient(http, server.Address, "net", net.Wallet());
        await client.TryKVectorsAsync(Hello, other.KVectors.K, other.KVectors.D, None);
        var receipt = Assert.Single(client.Wallet!.Receipts); // well signed: only recomputation shows it is wrong

        var recomputed = await ResponseRecomputer.RecomputeAsync(published, receipt.Request, None);
        Assert.NotEqual(receipt.Receipt.ResponseHash, recomputed);
        var disputeId = await net.Market.OpenDisputeAsync(net.User, receipt.Receipt, receipt.Signature, receipt.Request, None);
        foreach (var coordinator in net.Coordinators)
        {
            var verdict = Assert.Single(await DisputeJudge.JudgeAsync(net.System, coordinator, net.ProjectId, net.Storage, None));
            Assert.True(verdict.ProviderWrong, verdict.Reason);
            Assert.Equal(recomputed, verdict.Recomputed);
        }
        var userBefore = await net.System.Token.BalanceOfAsync(net.User.Address, None);
        await net.Client.AdvanceTimeAsync(await net.Market.VoteWindowAsync(None), None);
        await net.Market.ResolveDisputeAsync(net.Keys[9], disputeId, None);

        var dispute = await net.Market.DisputeOfAsync(disputeId, None);
        Assert.Equal(DisputeState.Upheld, dispute.State);
        Assert.Equal(Atn.Units(1000), dispute.WrongStake);
        Assert.Equal(Atn.Units(50), (await net.Market.ProviderOfAsync(net.Provider.Address, net.ProjectId, None)).Stake);
        Assert.Equal(dispute.Bond + Atn.Units(25), await net.System.Token.BalanceOfAsync(net.User.Address, None) - userBefore);
        other.Dispose();
        published.Dispose();
    }

    [Fact]
    public async Task HonestKVectors_Disputed_CoordinatorsAgreeWithProviderBondPaidToIt()
    {
        await net.Market.DepositAsync(net.User, net.Provider.Address, net.ProjectId, Atn.Units(1), None);
        var (model, round) = await net.PublishedAsync();
        var (server, _) = await net.ServeAsync(model, round);
        await using var _s = server;
        using var http = new HttpClient();
        var client = new ProviderClient(http, server.Address, "net", net.Wallet());
        await client.TryKVectorsAsync(Hello, model.KVectors.K, model.KVectors.D, None);
        var receipt = Assert.Single(client.Wallet!.Receipts);
        var disputeId = await net.Market.OpenDisputeAsync(net.User, receipt.Receipt, receipt.Signature, receipt.Request, None);

        var verdict = Assert.Single(await DisputeJudge.JudgeAsync(net.System, net.Coordinators[0], net.ProjectId, net.Storage, None));
        await net.Client.AdvanceTimeAsync(await net.Market.VoteWindowAsync(None), None);
        var providerBefore = await net.System.Token.BalanceOfAsync(net.Provider.Address, None);
        await net.Market.ResolveDisputeAsync(net.Keys[9], disputeId, None);

        Assert.False(verdict.ProviderWrong, verdict.Reason);
        Assert.Equal(DisputeState.Rejected, (await net.Market.DisputeOfAsync(disputeId, None)).State);
        Assert.Equal(await net.Market.DisputeBondAsync(None), await net.System.Token.BalanceOfAsync(net.Provider.Address, None) - providerBefore);
        Assert.Equal(Atn.Units(100), (await net.Market.ProviderOfAsync(net.Provider.Address, net.ProjectId, None)).Stake);
    }

    [Fact]
    public async Task ProviderDown_PaidClient_StillAnsweredFromTheFastPath()
    {
        await net.Market.DepositAsync(net.User, net.Provider.Address, net.ProjectId, Atn.Units(1), None);
        var (model, round) = await net.PublishedAsync();
        var (server, _) = await net.ServeAsync(model, round);
        using var http = new HttpClient();
        var provider = new ProviderClient(http, server.Address, "net", net.Wallet());
        var decoder = new FilmDecoder(new DecoderConfig { K = model.KVectors.K, D = model.KVectors.D, PlanContext = model.Model.Config.MaxTokens - model.KVectors.K, Window = 8, Embed = 8, Hidden = 32, Layers = 2, Condition = 16 }, 1);
        using var chat = new ChatService(decoder, "plan", provider, null, new ChatOptions());
        var (slowPlan, slow, _) = await chat.PlanAsync(Hello, None);

        await server.DisposeAsync(); // the provider goes down
        var (fastPlan, fast, _) = await chat.PlanAsync(Hello, None);
        var reply = await chat.GenerateAsync(fastPlan, 8, 0, 1, null, None);

        Assert.Equal(PlanPath.Slow, slow);
        Assert.Equal(PlanPath.Fast, fast);
        Assert.Equal(slowPlan, fastPlan);
        Assert.NotEmpty(reply);
        Assert.Single(provider.Wallet!.Receipts); // paid once, for the one provider answer
        model.Dispose();
    }

    private async Task<(BigInteger Provider, BigInteger Treasury, BigInteger Budget)> BalancesAsync() =>
        (await net.System.Token.BalanceOfAsync(net.Provider.Address, None),
         await net.System.Token.BalanceOfAsync(net.Keys[1].Address, None),
         await net.System.Project.BudgetOfAsync(net.ProjectId, None));

    private static async Task<string> PostAsync(HttpClient http, string voucher)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/kvectors") { Content = JsonContent.Create(new { model = "net", messages = new[] { new { role = "user", content = "hi" } } }) };
        request.Headers.Add(PaymentGate.Header, voucher);
        using var response = await http.SendAsync(request);
        if (response.IsSuccessStatusCode)
        {
            Assert.True(response.Headers.Contains(PaidReceipt.Header));
            return "ok";
        }
        Assert.Equal(402, (int)response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString()!;
    }
}
