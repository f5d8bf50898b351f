using System.CommandLine;
using Autonet.Cli.Output;
using Autonet.Core.Ids;
using Autonet.Node.Hosting;
using Autonet.Storage.Sharding;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet model publish FILE` and `autonet model fetch ID`: erasure-coded, Merkle-proven model storage across
/// providers' gateways (Autonet.Storage); publish --register also records the root on ModelShardRegistry.
/// </summary>
internal static class ModelCommand
{
    // GF(2^8) has 256 evaluation points, so k + m <= 256 (Autonet.Storage's Reed-Solomon).
    private const int MaxShards = 256;

    private static readonly Option<string[]> Providers = new("--providers", "-p")
    {
        Description = "Gateway URLs of storage providers, separated by spaces or commas (e.g. http://127.0.0.1:5080)",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
    };

    public static Command Create() => new("model", "Publish and fetch models as erasure-coded, Merkle-proven shards") { Publish(), Fetch() };

    private static Command Publish()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The model file (safetensors)" };
        var data = new Option<int>("--data", "-k") { Description = "Data shards k (any k of the k + m shards rebuild the file)", DefaultValueFactory = _ => 4 }.Between(1, MaxShards - 1);
        var parity = new Option<int>("--parity", "-m") { Description = "Parity shards m (how many providers may fail)", DefaultValueFactory = _ => 2 }.Between(0, MaxShards - 1);
        var register = new Option<bool>("--register") { Description = "Also register the model (id, Merkle root, k, m) on ModelShardRegistry with this node's key, on the chain in <home>/chain.json or --rpc" };
        var command = new Command("publish", "Shard FILE (k data + m parity), store the shards with the providers, print the id to fetch it by") { file, data, parity, Providers, register, ChainCommands.Rpc };
        command.Validators.Add(r =>
        {
            if (r.GetValue(data) + r.GetValue(parity) > MaxShards)
            {
                r.AddError($"--data {r.GetValue(data)} + --parity {r.GetValue(parity)}: at most {MaxShards} shards in all (GF(2^8) has {MaxShards} points)");
            }
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            var print = Printer.For(result);
            var path = result.GetValue(file)!; // required argument
            if (!path.Exists)
            {
                throw new UsageException($"model file '{path.FullName}' does not exist");
            }

            using var http = new HttpClient();
            var providers = ShardProvider.FromGateways(http, ParseProviders(result), Autonet.Storage.Blobs.HttpBlobStore.EnvironmentToken()); // $AUTONET_UPLOAD_TOKEN for providers on other hosts
            var published = await ModelPublisher.PublishFileAsync(path.FullName, result.GetValue(data), result.GetValue(parity), providers, cancellationToken).ConfigureAwait(false);
            foreach (var failure in published.Failures)
            {
                print.Line($"[yellow]provider refused:[/] {Spectre.Console.Markup.Escape(failure.ToString())}");
            }

            var manifest = published.Manifest;
            var providerCount = published.Placements.Select(p => p.Provider).Distinct().Count();
            print.Text($"published {path.Length:N0} bytes as {manifest.DataShards}+{manifest.ParityShards} shards on {providerCount} provider(s)");
            print.Text($"id          {published.ManifestId}");
            print.Text($"merkle root {manifest.MerkleRoot}");
            object? registered = null;
            if (result.GetValue(register))
            {
                var home = GlobalOptions.ResolveHome(result);
                var (client, system) = await ChainCommands.AttachAsync(home, UriOption.Rpc(result, ChainCommands.Rpc), cancellationToken).ConfigureAwait(false);
                using (client)
                {
                    using var key = NodeIdentity.LoadOrCreate(home);
                    var modelId = await system.Shards.RegisterModelAsync(key, published.ManifestId.ToString(), manifest.MerkleRoot, (ushort)manifest.DataShards, (ushort)manifest.ParityShards, cancellationToken).ConfigureAwait(false);
                    print.Text($"registered on ModelShardRegistry {system.Shards.Address} as model {modelId} by {key.Address}");
                    registered = new { registry = system.Shards.Address, modelId = modelId.ToString(System.Globalization.CultureInfo.InvariantCulture), by = key.Address };
                }
            }

            print.Object(new
            {
                id = published.ManifestId,
                merkleRoot = manifest.MerkleRoot,
                bytes = path.Length,
                dataShards = manifest.DataShards,
                parityShards = manifest.ParityShards,
                providers = providerCount,
                placements = published.Placements.Select(p => new { shard = p.ShardIndex, id = p.ShardId, provider = p.Provider }),
                failures = published.Failures.Select(Failure),
                registered,
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Fetch()
    {
        var id = new Argument<string>("ID") { Description = "The id printed by publish (bafkrei…)" };
        id.Validators.Add(r => Check(r, r.GetValueOrDefault<string>(), text => ContentId.Parse(text)));
        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to write the model", Required = true }.WritableFile();
        var root = new Option<string?>("--root") { Description = "Expected Merkle root (0x…, e.g. from the chain); shards are proven against it" };
        root.Validators.Add(r => Check(r, r.GetValueOrDefault<string?>(), text => Hash32.Parse(text), "--root "));
        var command = new Command("fetch", "Gather any k verified shards from the providers that are up and rebuild the model") { id, output, root, Providers };
        command.SetAction(async (result, cancellationToken) =>
        {
            var print = Printer.For(result);
            var manifestId = ContentId.Parse(result.GetValue(id)!); // required argument, checked while parsing
            Hash32? expectedRoot = result.GetValue(root) is { } text ? Hash32.Parse(text) : null;
            using var http = new HttpClient();
            var providers = ShardProvider.FromGateways(http, ParseProviders(result));
            var path = result.GetValue(output)!.FullName; // required option
            var fetched = await ModelFetcher.FetchToFileAsync(manifestId, providers, expectedRoot, path, cancellationToken).ConfigureAwait(false);
            foreach (var failure in fetched.Failures)
            {
                print.Line($"[yellow]provider failed:[/] {Spectre.Console.Markup.Escape(failure.ToString())}");
            }

            var rebuilt = fetched.RebuiltShards.Count == 0 ? "" : $", rebuilt shard(s) {string.Join(", ", fetched.RebuiltShards)} from parity";
            print.Text($"fetched {fetched.Content.Length:N0} bytes to {path}{rebuilt}");
            print.Object(new
            {
                id = manifestId,
                path,
                bytes = fetched.Content.Length,
                merkleRoot = fetched.Manifest.MerkleRoot,
                rebuiltShards = fetched.RebuiltShards,
                failures = fetched.Failures.Select(Failure),
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static object Failure(ProviderFailure f) => new { provider = f.Provider, shard = f.ShardIndex, reason = f.Reason };

    // A parse-time check through the id type's own Parse, whose message names the value and the rule.
    private static void Check(System.CommandLine.Parsing.SymbolResult result, string? text, Action<string> parse, string flag = "")
    {
        if (text is null)
        {
            return;
        }
        try
        {
            parse(text);
        }
        catch (FormatException e)
        {
            result.AddError(flag + e.Message);
        }
    }

    private static List<Uri> ParseProviders(ParseResult result) =>
        result.GetValue(Providers)!.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(p => Uri.TryCreate(p, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https")
                ? uri
                : throw new UsageException($"--providers '{p}': not an http(s) URL (e.g. http://127.0.0.1:5080)"))
            .ToList();
}
