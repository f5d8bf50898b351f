using System.CommandLine;
using System.Globalization;
using Autonet.Chain.Contracts;
using Autonet.Cli.Output;
using Autonet.Core.Ids;
using Autonet.Inference.Market;
using Autonet.Inference.Serving;
using Autonet.Node.Adapters;
using Autonet.Storage.Blobs;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet market dispute`: the client's side of a wrong answer (docs/market.md, "Wrong answers"). It takes a receipt
/// this node kept when it paid a provider (its PaymentLog), re-runs the signed request on the project's model of the
/// receipt's round (fetched and checked against the chain's root, ResponseRecomputer: the endpoint's own code), and only
/// when the hashes differ posts the bond and calls InferenceMarket.openDispute(receipt, signature, request).
/// </summary>
internal static class MarketDispute
{
    public static Command Create(Option<ulong> project)
    {
        var provider = new Option<string?>("--provider") { Description = "The provider whose receipt is disputed [default: the one provider this node has paid for the project]" };
        var request = new Option<string?>("--request") { Description = "The receipt's request hash (0x…) [default: the latest receipt]" };
        var gateway = UriOption.Create("--gateway", "Storage provider to fetch the receipt's round from [default: http://127.0.0.1:5080]");
        var threads = ThreadsOption.Create();
        var command = new Command("dispute", "Recompute a paid answer from a kept receipt and, if the provider signed other vectors, open a dispute (posts the bond)") { project, provider, request, gateway, ChainCommands.Rpc, threads };
        command.SetAction((result, ct) => MarketCommand.RunAsync(result, async (system, market, key, print) =>
        {
            ThreadsOption.Apply(result, threads);
            var projectId = result.GetValue(project);
            var log = new PaymentLog(LogPath(GlobalOptions.ResolveHome(result).Path, projectId, result.GetValue(provider)));
            var paid = Pick(log, result.GetValue(request));
            using var http = new HttpClient();
            var store = new HttpBlobStore(http, result.GetValue(gateway) ?? new Uri("http://127.0.0.1:5080/"));
            var round = (ulong)paid.Receipt.Round;
            var published = await PublishedModelReader.FetchRoundAsync(system, projectId, round, store, ct).ConfigureAwait(false);
            using var model = ModelLoader.FromBytes(published.Bytes, $"project-{projectId}-round-{round}", $"project:{projectId} round:{round} root:{published.MerkleRoot}");
            var recomputed = await ResponseRecomputer.RecomputeAsync(model, paid.Request, ct).ConfigureAwait(false);
            if (recomputed == paid.Receipt.ResponseHash)
            {
                throw new InvalidOperationException($"request {paid.Receipt.RequestHash}: the provider's signed response {recomputed} is what round {round} computes; nothing to dispute (a dispute would lose its bond)");
            }
            var bond = await market.DisputeBondAsync(ct).ConfigureAwait(false);
            await system.Token.ApproveAsync(key, market.Address, bond, ct).ConfigureAwait(false);
            var disputeId = await market.OpenDisputeAsync(key, paid.Receipt, paid.Signature, paid.Request, ct).ConfigureAwait(false);
            print.Object(new
            {
                dispute = disputeId.ToString(CultureInfo.InvariantCulture),
                provider = paid.Receipt.Provider,
                round,
                request = paid.Receipt.RequestHash,
                signed = paid.Receipt.ResponseHash,
                recomputed,
                bondAtn = Atn.Format(bond),
            });
            print.Text($"dispute {disputeId} opened against {paid.Receipt.Provider}: round {round} computes {recomputed}, the provider signed {paid.Receipt.ResponseHash}; bond {Atn.Format(bond)} ATN (coordinators vote with `autonet market judge`, then `autonet market resolve --dispute {disputeId}`)");
        }, ct));
        return command;
    }

    // The one payment log of the project, or the named provider's.
    private static string LogPath(string home, ulong projectId, string? provider)
    {
        if (provider is not null)
        {
            return PaymentLog.PathIn(home, MarketCommand.ParseAddress("--provider", provider), projectId);
        }
        var logs = Directory.Exists(home) ? Directory.GetFiles(home, $"payments-project-{projectId}-*.jsonl") : [];
        return logs.Length switch
        {
            1 => logs[0],
            0 => throw new UsageException($"--project {projectId}: this node has paid no provider for it (no payments-project-{projectId}-*.jsonl in {home}); receipts are kept when `autonet serve --pay-provider` pays"),
            _ => throw new UsageException($"--provider: this node has paid {logs.Length} providers for project {projectId}; name one ({string.Join(", ", logs.Select(Path.GetFileNameWithoutExtension))})"),
        };
    }

    private static PaidReceipt Pick(PaymentLog log, string? request)
    {
        var receipts = log.Receipts;
        if (receipts.Count == 0)
        {
            throw new UsageException($"{log.Path} holds no receipt yet: nothing this provider signed can be disputed");
        }
        if (request is null)
        {
            return receipts[^1];
        }
        if (!Hash32.TryParse(request, out var hash))
        {
            throw new UsageException($"--request '{request}': expected a request hash, 0x and 64 hex digits");
        }
        return receipts.LastOrDefault(r => r.Receipt.RequestHash == hash)
            ?? throw new UsageException($"--request {hash}: no receipt in {log.Path} is over that request ({receipts.Count} receipts kept)");
    }
}
