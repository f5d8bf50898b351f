using System.CommandLine;
using Autonet.Core.Ids;
using Autonet.Node.Hosting;
using Autonet.Storage.Sharding;
using Spectre.Console;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet model publish FILE` and `autonet model fetch ID`: erasure-coded, Merkle-proven model storage across
/// providers' gateways (Autonet.Storage). Registering the root on ModelShardRegistry is not done here yet.
/// </summary>
internal static class ModelCommand
{
    private static readonly Option<string[]> Providers = new("--providers", "-p")
    {
        Description = "Gateway URLs of storage providers (e.g. http://127.0.0.1:5080)",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
    };

    public static Command Create() => new("model", "Publish and fetch models as erasure-coded, Merkle-proven shards") { Publish(), Fetch() };

    private static Command Publish()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The model file (safetensors)" };
        var data = new Option<int>("--data", "-k") { Description = "Data shards k", DefaultValueFactory = _ => 4 };
        var parity = new Option<int>("--parity", "-m") { Description = "Parity shards m (any k of k+m rebuild the file)", DefaultValueFactory = _ => 2 };
        var register = new Option<bool>("--register") { Description = "Also register the model (id, Merkle root, k, m) on ModelShardRegistry with this node's key, on the chain in <home>/chain.json or --rpc" };
        var command = new Command("publish", "Shard FILE (k data + m parity), store the shards with the providers, print the id to fetch it by") { file, data, parity, Providers, register, ChainCommands.Rpc };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!; // required argument
            if (!path.Exists)
            {
                throw new FileNotFoundException($"model file '{path.FullName}' does not exist");
            }

            using var http = new HttpClient();
            var providers = ShardProvider.FromGateways(http, ParseProviders(result), Autonet.Storage.Blobs.HttpBlobStore.EnvironmentToken()); // $AUTONET_UPLOAD_TOKEN for providers on other hosts
            var published = await ModelPublisher.PublishFileAsync(path.FullName, result.GetValue(data), result.GetValue(parity), providers, cancellationToken).ConfigureAwait(false);
            foreach (var failure in published.Failures)
            {
                AnsiConsole.MarkupLine($"[yellow]provider refused:[/] {Markup.Escape(failure.ToString())}");
            }

            AnsiConsole.MarkupLine($"published {path.Length:N0} bytes as {published.Manifest.DataShards}+{published.Manifest.ParityShards} shards on {published.Placements.Select(p => p.Provider).Distinct().Count()} provider(s)");
            AnsiConsole.MarkupLine($"id          [bold]{published.ManifestId}[/]");
            AnsiConsole.MarkupLine($"merkle root [bold]{published.Manifest.MerkleRoot}[/]");
            if (result.GetValue(register))
            {
                var home = GlobalOptions.ResolveHome(result);
                var (client, system) = await ChainCommands.AttachAsync(home, result.GetValue(ChainCommands.Rpc), cancellationToken).ConfigureAwait(false);
                using (client)
                {
                    using var key = NodeIdentity.LoadOrCreate(home);
                    var manifest = published.Manifest;
                    var modelId = await system.Shards.RegisterModelAsync(key, published.ManifestId.ToString(), manifest.MerkleRoot, (ushort)manifest.DataShards, (ushort)manifest.ParityShards, cancellationToken).ConfigureAwait(false);
                    AnsiConsole.MarkupLine($"registered on ModelShardRegistry {system.Shards.Address} as model [bold]{modelId}[/] by {key.Address}");
                }
            }

            return 0;
        });
        return command;
    }

    private static Command Fetch()
    {
        var id = new Argument<string>("ID") { Description = "The id printed by publish (bafkrei…)" };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to write the model", Required = true };
        var root = new Option<string?>("--root") { Description = "Expected Merkle root (0x…, e.g. from the chain); shards are proven against it" };
        var command = new Command("fetch", "Gather any k verified shards from the providers that are up and rebuild the model") { id, output, root, Providers };
        command.SetAction(async (result, cancellationToken) =>
        {
            var manifestId = ContentId.Parse(result.GetValue(id)!); // required argument
            Hash32? expectedRoot = result.GetValue(root) is { } text ? Hash32.Parse(text) : null;
            using var http = new HttpClient();
            var providers = ShardProvider.FromGateways(http, ParseProviders(result));
            var path = result.GetValue(output)!.FullName; // required option
            var fetched = await ModelFetcher.FetchToFileAsync(manifestId, providers, expectedRoot, path, cancellationToken).ConfigureAwait(false);
            foreach (var failure in fetched.Failures)
            {
                AnsiConsole.MarkupLine($"[yellow]provider failed:[/] {Markup.Escape(failure.ToString())}");
            }

            var rebuilt = fetched.RebuiltShards.Count == 0 ? "" : $", rebuilt shard(s) {string.Join(", ", fetched.RebuiltShards)} from parity";
            AnsiConsole.MarkupLine($"fetched {fetched.Content.Length:N0} bytes to [bold]{Markup.Escape(path)}[/]{rebuilt}");
            return 0;
        });
        return command;
    }

    private static List<Uri> ParseProviders(ParseResult result) =>
        result.GetValue(Providers)!.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(p => Uri.TryCreate(p, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https")
                ? uri
                : throw new ArgumentException($"--providers: '{p}' is not an http(s) URL"))
            .ToList();
}
