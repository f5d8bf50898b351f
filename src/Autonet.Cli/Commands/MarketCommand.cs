using System.CommandLine;
using System.Globalization;
using Autonet.Chain.Contracts;
using Autonet.Cli.Output;
using Autonet.Core.Ids;
using Autonet.Inference.Market;
using Autonet.Node.Hosting;
using Autonet.Node.Market;
using Autonet.Storage.Blobs;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet market register|rates|deposit|redeem|dispute|judge|resolve|status`: the inference market (InferenceMarket) with this
/// node's key. Logic lives in the contract and in Node's MarketGate/DisputeJudge; this parses, calls and prints.
/// </summary>
internal static class MarketCommand
{
    private static readonly Option<ulong> Project = new Option<ulong>("--project") { Description = "The project whose model is served", Required = true }.AtLeast(1);

    public static Command Create() => new("market", "Inference market: provider stakes, deposits, vouchers, revenue split, disputes")
    {
        Register(), Rates(), Deposit(), Redeem(), MarketDispute.Create(Project), Judge(), Resolve(), Status(),
    };

    private static Command Register()
    {
        var stake = new Option<string>("--stake") { Description = "ATN to add to this provider's stake for the project (at least 100 in total)", DefaultValueFactory = _ => "100" };
        var price = new Option<string>("--price") { Description = "ATN per request this provider advertises", DefaultValueFactory = _ => "0.01" };
        var endpoint = new Option<string>("--endpoint") { Description = "Where clients reach `autonet serve`", DefaultValueFactory = _ => "http://127.0.0.1:8080/" };
        var command = new Command("register", "Stake as an inference provider of a project and advertise a price and endpoint") { Project, stake, price, endpoint, ChainCommands.Rpc };
        command.SetAction((result, ct) => RunAsync(result, async (system, market, key, print) =>
        {
            var amount = AtnAmount.Parse("--stake", result.GetValue(stake)!);
            await system.Token.ApproveAsync(key, market.Address, amount, ct).ConfigureAwait(false);
            var receipt = await market.RegisterProviderAsync(key, result.GetValue(Project), amount, AtnAmount.Parse("--price", result.GetValue(price)!), result.GetValue(endpoint)!, ct).ConfigureAwait(false);
            var record = await market.ProviderOfAsync(key.Address, result.GetValue(Project), ct).ConfigureAwait(false);
            print.Object(new { provider = key.Address, project = result.GetValue(Project), stakeAtn = Atn.Format(record.Stake), priceAtn = Atn.Format(record.Price), record.Endpoint, tx = receipt.TransactionHash });
            print.Text($"{key.Address} serves project {result.GetValue(Project)}: stake {Atn.Format(record.Stake)} ATN, {Atn.Format(record.Price)} ATN per request at {record.Endpoint}");
        }, ct));
        return command;
    }

    private static Command Rates()
    {
        var provider = new Option<ushort>("--provider-bps") { Description = "Provider share in basis points", Required = true };
        var project = new Option<ushort>("--project-bps") { Description = "Project budget share in basis points", Required = true };
        var treasury = new Option<ushort>("--treasury-bps") { Description = "Treasury share in basis points (the three sum to 10000)", Required = true };
        var command = new Command("rates", "Set the project's inference revenue split (project owner only)") { Project, provider, project, treasury, ChainCommands.Rpc };
        command.SetAction((result, ct) => RunAsync(result, async (_, market, key, print) =>
        {
            var rates = new RevenueRates(result.GetValue(provider), result.GetValue(project), result.GetValue(treasury));
            var receipt = await market.SetRatesAsync(key, result.GetValue(Project), rates, ct).ConfigureAwait(false);
            print.Object(new { project = result.GetValue(Project), rates.ProviderBps, rates.ProjectBps, rates.TreasuryBps, tx = receipt.TransactionHash });
            print.Text($"project {result.GetValue(Project)} splits inference revenue {rates.ProviderBps} / {rates.ProjectBps} / {rates.TreasuryBps} bps (provider / project / treasury)");
        }, ct));
        return command;
    }

    private static Command Deposit()
    {
        var provider = new Option<string>("--provider") { Description = "The provider's address", Required = true };
        var amount = new Option<string>("--amount") { Description = "ATN to deposit", Required = true };
        var command = new Command("deposit", "Deposit ATN once to pay a provider per request with signed vouchers") { Project, provider, amount, ChainCommands.Rpc };
        command.SetAction((result, ct) => RunAsync(result, async (system, market, key, print) =>
        {
            var to = ParseAddress("--provider", result.GetValue(provider)!);
            var wei = AtnAmount.Parse("--amount", result.GetValue(amount)!);
            await system.Token.ApproveAsync(key, market.Address, wei, ct).ConfigureAwait(false);
            var receipt = await market.DepositAsync(key, to, result.GetValue(Project), wei, ct).ConfigureAwait(false);
            var channel = await market.ChannelOfAsync(key.Address, to, result.GetValue(Project), ct).ConfigureAwait(false);
            print.Object(new { client = key.Address, provider = to, project = result.GetValue(Project), depositedAtn = Atn.Format(channel.Deposited), tx = receipt.TransactionHash });
            print.Text($"{key.Address} has {Atn.Format(channel.Available - channel.Redeemed)} ATN unspent with provider {to} for project {result.GetValue(Project)}");
        }, ct));
        return command;
    }

    private static Command Redeem()
    {
        var command = new Command("redeem", "Redeem every client's latest voucher this provider accepted (from <home>/vouchers-project-N.jsonl)") { Project, ChainCommands.Rpc };
        command.SetAction((result, ct) => RunAsync(result, async (system, _, key, print) =>
        {
            var projectId = result.GetValue(Project);
            var book = new VoucherBook(key.Address, projectId, MarketGate.BookPath(GlobalOptions.ResolveHome(result), projectId));
            var paid = await MarketGate.RedeemAsync(system, key, book, ct).ConfigureAwait(false);
            print.Object(paid.Select(p => new
            {
                client = p.Voucher.Client,
                cumulative = p.Voucher.Cumulative.ToString(CultureInfo.InvariantCulture),
                amountAtn = Atn.Format(p.Paid.Amount),
                providerAtn = Atn.Format(p.Paid.ProviderShare),
                projectAtn = Atn.Format(p.Paid.ProjectShare),
                treasuryAtn = Atn.Format(p.Paid.TreasuryShare),
            }));
            print.Table(["client", "new ATN", "provider", "project", "treasury"], paid.Select(p => (IReadOnlyList<string>)[p.Voucher.Client.ToString(),
                Atn.Format(p.Paid.Amount), Atn.Format(p.Paid.ProviderShare), Atn.Format(p.Paid.ProjectShare), Atn.Format(p.Paid.TreasuryShare)]));
        }, ct));
        return command;
    }

    private static Command Judge()
    {
        var gateway = UriOption.Create("--gateway", "Storage provider to fetch the disputed round's model from [default: http://127.0.0.1:5080]");
        var command = new Command("judge", "As a staked coordinator: re-run every open dispute's request on the project's model and vote the hash") { Project, gateway, ChainCommands.Rpc };
        command.SetAction((result, ct) => RunAsync(result, async (system, _, key, print) =>
        {
            using var http = new HttpClient();
            var store = new HttpBlobStore(http, result.GetValue(gateway) ?? new Uri("http://127.0.0.1:5080/"));
            var verdicts = await DisputeJudge.JudgeAsync(system, key, result.GetValue(Project), store, ct).ConfigureAwait(false);
            print.Object(verdicts.Select(v => new { dispute = v.DisputeId.ToString(CultureInfo.InvariantCulture), recomputed = v.Recomputed?.ToString(), providerWrong = v.ProviderWrong, reason = v.Reason }));
            print.Table(["dispute", "provider wrong", "reason"], verdicts.Select(v => (IReadOnlyList<string>)[v.DisputeId.ToString(CultureInfo.InvariantCulture), v.ProviderWrong ? "yes" : "no", v.Reason]));
        }, ct));
        return command;
    }

    private static Command Resolve()
    {
        var dispute = new Option<ulong>("--dispute") { Description = "The dispute id", Required = true }.AtLeast(1);
        var command = new Command("resolve", "Settle a dispute after its vote window (anyone)") { dispute, ChainCommands.Rpc };
        command.SetAction((result, ct) => RunAsync(result, async (_, market, key, print) =>
        {
            await market.ResolveDisputeAsync(key, result.GetValue(dispute), ct).ConfigureAwait(false);
            var record = await market.DisputeOfAsync(result.GetValue(dispute), ct).ConfigureAwait(false);
            print.Object(new { dispute = result.GetValue(dispute), state = record.State.ToString(), wrongStakeAtn = Atn.Format(record.WrongStake), rightStakeAtn = Atn.Format(record.RightStake) });
            print.Text($"dispute {result.GetValue(dispute)}: {record.State} ({Atn.Format(record.WrongStake)} ATN of stake found the answer wrong, {Atn.Format(record.RightStake)} right)");
        }, ct));
        return command;
    }

    private static Command Status()
    {
        var provider = new Option<string?>("--provider") { Description = "A provider's address [default: this node]" };
        var command = new Command("status", "Show the project's rates, a provider's stake and price, and this node's channel with it") { Project, provider, ChainCommands.Rpc };
        command.SetAction((result, ct) => RunAsync(result, async (_, market, key, print) =>
        {
            var projectId = result.GetValue(Project);
            var who = result.GetValue(provider) is { } text ? ParseAddress("--provider", text) : key.Address;
            var rates = await market.RatesOfAsync(projectId, ct).ConfigureAwait(false);
            var record = await market.ProviderOfAsync(who, projectId, ct).ConfigureAwait(false);
            var channel = await market.ChannelOfAsync(key.Address, who, projectId, ct).ConfigureAwait(false);
            print.Object(new
            {
                project = projectId,
                rates,
                provider = who,
                stakeAtn = Atn.Format(record.Stake),
                priceAtn = Atn.Format(record.Price),
                record.Endpoint,
                record.OpenDisputes,
                channel = new { depositedAtn = Atn.Format(channel.Deposited), redeemedAtn = Atn.Format(channel.Redeemed), withdrawnAtn = Atn.Format(channel.Withdrawn) },
            });
            print.Table(["what", "value"], [
                ["rates (bps)", $"provider {rates.ProviderBps}, project {rates.ProjectBps}, treasury {rates.TreasuryBps}"],
                ["provider", $"{who}: stake {Atn.Format(record.Stake)} ATN, {Atn.Format(record.Price)} ATN/request, {record.Endpoint}, {record.OpenDisputes} open disputes"],
                ["this node's channel", $"deposited {Atn.Format(channel.Deposited)}, redeemed {Atn.Format(channel.Redeemed)}, withdrawn {Atn.Format(channel.Withdrawn)} ATN"],
            ]);
        }, ct));
        return command;
    }

    internal static async Task<int> RunAsync(ParseResult result, Func<AutonetSystem, InferenceMarket, Chain.Crypto.SigningKey, Printer, Task> action, CancellationToken cancellationToken)
    {
        var home = GlobalOptions.ResolveHome(result);
        var (client, system) = await ChainCommands.AttachAsync(home, UriOption.Rpc(result, ChainCommands.Rpc), cancellationToken).ConfigureAwait(false);
        using (client)
        {
            using var key = NodeIdentity.LoadOrCreate(home);
            await action(system, MarketGate.Require(system), key, Printer.For(result)).ConfigureAwait(false);
        }
        return ExitCodes.Success;
    }

    internal static Address ParseAddress(string flag, string text) =>
        Address.TryParse(text, out var address) ? address : throw new UsageException($"{flag} '{text}': expected an address, 0x and 40 hex digits");
}
