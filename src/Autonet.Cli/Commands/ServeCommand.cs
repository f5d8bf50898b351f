using System.CommandLine;
using Autonet.Inference.Api;
using Autonet.Inference.Chat;
using Autonet.Inference.Decoding;
using Autonet.Inference.Serving;
using Autonet.Node.Adapters;
using Autonet.Storage.Blobs;
using Spectre.Console;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet serve`: the OpenAI-compatible inference server (Autonet.Inference). Encoders come from --checkpoint files
/// and/or --project N (the project's latest published model, verified against the chain); --decoder adds local chat.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var checkpoints = new Option<FileInfo[]>("--checkpoint") { Description = "Model files to serve (safetensors from `autonet train`); repeatable", AllowMultipleArgumentsPerToken = true };
        var project = new Option<ulong?>("--project") { Description = "Serve the latest model this project published on chain (fetched from --gateway, verified against the on-chain Merkle root)" };
        var gateway = UriOption.Create("--gateway", "Storage provider to fetch --project's model from [default: http://127.0.0.1:5080]");
        var decoder = new Option<FileInfo?>("--decoder") { Description = "A decoder from `autonet decoder train`: serves POST /v1/chat/completions on this node" };
        var provider = UriOption.Create("--provider", "Inference provider asked for K-vectors (slow path), e.g. http://10.0.0.5:8080 [default: chat.provider]");
        var payProvider = new Option<string?>("--pay-provider") { Description = "Pay --provider per request with vouchers from this node's channel with this provider address (`market deposit` first) [default: chat.pay_provider]" };
        var payProject = new Option<ulong?>("--pay-project") { Description = "The project of that channel [default: chat.pay_project]" };
        var providerModel = new Option<string?>("--provider-model") { Description = "The provider's model id for K-vectors [default: the decoder's plan model as a local --checkpoint names it]" };
        var name = new Option<string?>("--name") { Description = "Model id of the first served model [default: the file name, or project-N]" };
        var chatName = new Option<string>("--chat-model") { Description = "Model id clients send for chat", DefaultValueFactory = _ => "autonet-chat" };
        var refresh = new Option<int>("--plan-refresh-bytes") { Description = "Context bytes a conversation may gain before its cached plan is refreshed", DefaultValueFactory = _ => 64 };
        var port = new Option<int>("--port") { Description = "TCP port; 0 picks a free one", DefaultValueFactory = _ => 8080 };
        var host = new Option<string>("--host") { Description = "Address to bind", DefaultValueFactory = _ => "127.0.0.1" };
        var price = new Option<string?>("--price") { Description = "With --project: charge this many ATN per request on /v1/embeddings and /v1/kvectors (Autonet-Voucher in, Autonet-Receipt out; `autonet market register` first)" };
        var threads = ThreadsOption.Create();
        var command = new Command("serve", "Serve models behind OpenAI-compatible endpoints (/v1/models, /v1/embeddings, /v1/kvectors, /v1/chat/completions) until Ctrl-C")
        {
            checkpoints, project, gateway, ChainCommands.Rpc, decoder, provider, payProvider, payProject, providerModel, name, chatName, refresh, port, host, price, threads,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            ThreadsOption.Apply(result, threads);
            var models = new List<ServedModel>();
            Inference.Market.PaymentGate? payments = null;
            Chain.Rpc.ChainClient? chainClient = null;
            if (result.GetValue(price) is not null && result.GetValue(project) is null)
            {
                throw new Output.UsageException("--price: paid serving needs --project N (receipts name the project's round)");
            }
            var first = result.GetValue(name);
            foreach (var file in result.GetValue(checkpoints) ?? [])
            {
                models.Add(ModelLoader.FromFile(file.FullName, models.Count == 0 ? first : null));
            }
            if (result.GetValue(project) is { } projectId)
            {
                var (client, system) = await ChainCommands.AttachAsync(GlobalOptions.ResolveHome(result), result.GetValue(ChainCommands.Rpc), cancellationToken).ConfigureAwait(false);
                chainClient = client; // a paid server reads deposits through it for as long as it runs
                {
                    using var http = new HttpClient();
                    var store = new HttpBlobStore(http, result.GetValue(gateway) ?? new Uri("http://127.0.0.1:5080/"));
                    var published = await PublishedModelReader.FetchLatestAsync(system, projectId, store, cancellationToken).ConfigureAwait(false);
                    var id = models.Count == 0 && first is not null ? first : $"project-{projectId}";
                    models.Add(ModelLoader.FromBytes(published.Bytes, id, $"project:{projectId} round:{published.Round} root:{published.MerkleRoot}"));
                    if (result.GetValue(price) is { } perRequest)
                    {
                        var home = GlobalOptions.ResolveHome(result);
                        var key = Node.Hosting.NodeIdentity.LoadOrCreate(home); // held for the server's life: it signs every receipt
                        var pricing = new Inference.Market.FlatPricing(AtnAmount.Parse("--price", perRequest));
                        payments = Node.Market.MarketGate.Create(system, key, projectId, published.Round, pricing, Node.Market.MarketGate.BookPath(home, projectId));
                    }
                }
            }
            using var chainConnection = chainClient;
            using var catalog = new ModelCatalog(models);
            using var http2 = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var config = Node.Config.AutonetConfig.Load(GlobalOptions.ResolveHome(result));
            var providerUri = result.GetValue(provider) ?? config.ChatProvider;
            using var wallet = result.GetValue(decoder) is null || providerUri is null ? null
                : await ChatWallet.OpenAsync(result, result.GetValue(payProvider) ?? config.ChatPayProvider, result.GetValue(payProject) ?? config.ChatPayProject, cancellationToken).ConfigureAwait(false);
            using var chat = result.GetValue(decoder) is { } decoderFile ? CreateChat(decoderFile, catalog, http2, providerUri, wallet?.Wallet, result.GetValue(providerModel), result.GetValue(chatName)!, result.GetValue(refresh)) : null;
            if (models.Count == 0 && chat is null)
            {
                throw new ArgumentException("nothing to serve: give --checkpoint FILE, --project N or --decoder FILE");
            }
            var options = new InferenceServerOptions { Host = result.GetValue(host)!, Port = result.GetValue(port), Payments = payments }; // both have defaults
            await using var server = await InferenceServer.StartAsync(catalog, chat, options, cancellationToken).ConfigureAwait(false);
            foreach (var m in catalog.All)
            {
                AnsiConsole.MarkupLine(Markup.Escape($"model {m.Id}: {m.Modality}, width {m.Model.Config.Width}, K-vectors {m.KVectors.K} x {m.KVectors.D} ({m.KVectors.Bytes} bytes), {m.Source}"));
            }
            if (chat is not null)
            {
                AnsiConsole.MarkupLine(Markup.Escape($"chat model {chat.ModelId}: plan model {chat.PlanModel}"));
            }
            if (wallet is not null)
            {
                AnsiConsole.MarkupLine(Markup.Escape($"chat pays provider {wallet.Wallet.Provider} {wallet.Wallet.Price} ATN base units per K-vector request (project {wallet.Wallet.ProjectId}, {wallet.Wallet.Spent} signed so far); receipts in {wallet.LogPath}"));
            }
            if (payments is not null)
            {
                AnsiConsole.MarkupLine(Markup.Escape($"paid: {payments.Terms.Pricing.PriceOf(new("/v1/kvectors", "", 1))} ATN base units per request to provider {payments.Terms.Provider.Address}, project {payments.Terms.ProjectId} round {payments.Terms.Round}; vouchers in {Node.Market.MarketGate.BookPath(GlobalOptions.ResolveHome(result), (ulong)payments.Terms.ProjectId)}"));
            }
            AnsiConsole.MarkupLine($"serving at [bold]{server.Address}[/] (Ctrl-C to stop)");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                AnsiConsole.MarkupLine("server stopped");
            }
            return 0;
        });
        return command;
    }

    // The node's own copy of the plan model (a served model whose CID is the decoder's plan model) is the fallback.
    private static ChatService CreateChat(FileInfo file, ModelCatalog catalog, HttpClient http, Uri? provider, Inference.Market.VoucherWallet? wallet, string? providerModel, string chatName, int refresh)
    {
        var (decoder, planModel) = DecoderFile.Load(file.FullName);
        var local = catalog.All.FirstOrDefault(m => m.Cid?.ToString() == planModel);
        var client = provider is null ? null : new ProviderClient(http, provider, providerModel ?? local?.Id
            ?? throw new ArgumentException("--provider-model: name the provider's model id for K-vectors (no local --checkpoint has the decoder's plan model " + planModel + ")"), wallet);
        return new ChatService(decoder, planModel, client, local, new ChatOptions { ModelId = chatName, RefreshBytes = refresh });
    }
}
