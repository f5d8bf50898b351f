using System.CommandLine;
using Autonet.Cli.Output;
using Autonet.Core.Ids;
using Autonet.Node.Hosting;
using Autonet.Storage.Sharding;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet model publish FILE` and `autonet model fetch ID | --id N`: erasure-coded, Merkle-proven model storage across
/// providers' gateways (Autonet.Storage). publish --register stores the shards with the providers on chain
/// (ProviderRegistry, or the -p ones announced there) and registers the model (its CID) and where each shard went on
/// ModelShardRegistry; fetch --id N locates model N's shards from the chain alone.
/// </summary>
internal static class ModelCommand
{
    // GF(2^8) has 256 evaluation points, so k + m <= 256 (Autonet.Storage's Reed-Solomon).
    private const int MaxShards = 256;

    private static readonly Option<string[]> Providers = new("--providers", "-p")
    {
        Description = "Gateway URLs of storage providers, separated by spaces or commas (e.g. http://127.0.0.1:5080); with --register or --id: those announced on chain (default: all of them)",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Command Create() => new("model", "Publish and fetch models as erasure-coded, Merkle-proven shards") { Publish(), Fetch() };

    private static Command Publish()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The model file (safetensors)" };
        var data = new Option<int>("--data", "-k") { Description = "Data shards k (any k of the k + m shards rebuild the file)", DefaultValueFactory = _ => 4 }.Between(1, MaxShards - 1);
        var parity = new Option<int>("--parity", "-m") { Description = "Parity shards m (how many providers may fail)", DefaultValueFactory = _ => 2 }.Between(0, MaxShards - 1);
        var register = new Option<bool>("--register") { Description = "Store the shards with providers announced on chain and register the model (its CID, Merkle root, k, m) and each shard's provider on ModelShardRegistry with this node's key, on the chain in <home>/chain.json or --rpc" };
        var command = new Command("publish", "Shard FILE (k data + m parity), store the shards with the providers, print the id to fetch it by") { file, data, parity, Providers, register, ChainCommands.Rpc };
        command.Validators.Add(r =>
        {
            if (r.GetValue(data) + r.GetValue(parity) > MaxShards)
            {
                r.AddError($"--data {r.GetValue(data)} + --parity {r.GetValue(parity)}: at most {MaxShards} shards in all (GF(2^8) has {MaxShards} points)");
            }
            if (!r.GetValue(register) && r.GetValue(Providers) is not { Length: > 0 })
            {
                r.AddError("--providers is required without --register (which finds the providers on chain)");
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
            var token = Autonet.Storage.Blobs.HttpBlobStore.EnvironmentToken(); // $AUTONET_UPLOAD_TOKEN for providers on other hosts
            if (!result.GetValue(register))
            {
                var plain = await ModelPublisher.PublishFileAsync(path.FullName, result.GetValue(data), result.GetValue(parity), ShardProvider.FromGateways(http, ParseProviders(result), token), cancellationToken).ConfigureAwait(false);
                Report(print, path, plain, null);
                return ExitCodes.Success;
            }
            var home = GlobalOptions.ResolveHome(result);
            var (client, system) = await ChainCommands.AttachAsync(home, UriOption.Rpc(result, ChainCommands.Rpc), cancellationToken).ConfigureAwait(false);
            using (client)
            {
                using var key = NodeIdentity.LoadOrCreate(home);
                var providers = await OnChainAsync(system, http, token, ParseProviders(result), cancellationToken).ConfigureAwait(false);
                var published = await ModelPublisher.PublishFileAsync(path.FullName, result.GetValue(data), result.GetValue(parity), providers, cancellationToken).ConfigureAwait(false);
                var (modelId, _, _) = await Autonet.Node.Storage.ChainModelStore.RegisterAsync(system, key, published, cancellationToken).ConfigureAwait(false);
                Report(print, path, published, new { registry = system.Shards.Address, modelId = modelId.ToString(System.Globalization.CultureInfo.InvariantCulture), by = key.Address });
                print.Text($"registered on ModelShardRegistry {system.Shards.Address} as model {modelId} by {key.Address} (fetch it with `autonet model fetch --id {modelId}`)");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Report(Printer print, FileInfo path, PublishResult published, object? registered)
    {
        foreach (var failure in published.Failures)
        {
            print.Line($"[yellow]provider refused:[/] {Spectre.Console.Markup.Escape(failure.ToString())}");
        }
        var manifest = published.Manifest;
        var providerCount = published.Placements.Select(p => p.Provider).Distinct().Count();
        print.Text($"published {path.Length:N0} bytes as {manifest.DataShards}+{manifest.ParityShards} shards on {providerCount} provider(s)");
        print.Text($"model       {manifest.Content}");
        print.Text($"id          {published.ManifestId} (the shard manifest)");
        print.Text($"merkle root {manifest.MerkleRoot}");
        print.Object(new
        {
            id = published.ManifestId,
            model = manifest.Content,
            merkleRoot = manifest.MerkleRoot,
            bytes = path.Length,
            dataShards = manifest.DataShards,
            parityShards = manifest.ParityShards,
            providers = providerCount,
            placements = published.Placements.Select(p => new { shard = p.ShardIndex, id = p.ShardId, provider = p.Provider, chunkRoot = p.ChunkRoot }),
            failures = published.Failures.Select(Failure),
            registered,
        });
    }

    // The active providers on chain, or those of them whose gateway is one of `urls` (each must be announced there).
    private static async Task<IReadOnlyList<ShardProvider>> OnChainAsync(Autonet.Chain.Contracts.AutonetSystem system, HttpClient http, string? token, List<Uri> urls, CancellationToken cancellationToken)
    {
        var active = await Autonet.Node.Storage.ProviderDirectory.ActiveAsync(system, http, token, cancellationToken).ConfigureAwait(false);
        if (urls.Count == 0)
        {
            return active.Count > 0 ? active : throw new UsageException($"no active storage provider is announced on ProviderRegistry {system.Providers.Address}; start one (`autonet provider serve`) or publish without --register to -p gateways");
        }
        var listed = (await system.Providers.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(l => l.Gateway.AbsoluteUri, l => l.Provider);
        return [.. urls.Select(url => listed.TryGetValue(url.AbsoluteUri, out var account) && active.FirstOrDefault(p => p.Account == account) is { } provider
            ? provider
            : throw new UsageException($"--providers '{url}': not an active provider on ProviderRegistry {system.Providers.Address} (`autonet provider list`); --register places shards only with providers on chain"))];
    }

    private static Command Fetch()
    {
        var id = new Argument<string?>("ID") { Description = "The manifest id printed by publish (bafkrei…); or use --id", Arity = ArgumentArity.ZeroOrOne };
        id.Validators.Add(r => Check(r, r.GetValueOrDefault<string?>(), text => ContentId.Parse(text)));
        var modelId = new Option<ulong?>("--id") { Description = "The model's id on ModelShardRegistry (printed by publish --register; ModelRegistered events): its shards are located from the chain" };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to write the model", Required = true }.WritableFile();
        var root = new Option<string?>("--root") { Description = "Expected Merkle root (0x…, e.g. from the chain); shards are proven against it" };
        root.Validators.Add(r => Check(r, r.GetValueOrDefault<string?>(), text => Hash32.Parse(text), "--root "));
        var command = new Command("fetch", "Gather any k verified shards from the providers that are up and rebuild the model") { id, modelId, output, root, Providers, ChainCommands.Rpc };
        command.Validators.Add(r =>
        {
            if ((r.GetValue(id) is null) == (r.GetValue(modelId) is null))
            {
                r.AddError("give either ID (a manifest id, with --providers) or --id N (a model on ModelShardRegistry), not both or neither");
            }
            else if (r.GetValue(id) is not null && r.GetValue(Providers) is not { Length: > 0 })
            {
                r.AddError("--providers is required with a manifest ID (--id N finds the providers on chain)");
            }
        });
        command.SetAction(async (result, cancellationToken) =>
        {
            var print = Printer.For(result);
            Hash32? expectedRoot = result.GetValue(root) is { } text ? Hash32.Parse(text) : null;
            using var http = new HttpClient();
            var path = result.GetValue(output)!.FullName; // required option
            FetchResult fetched;
            ContentId manifestId;
            if (result.GetValue(modelId) is { } number)
            {
                var (client, system) = await ChainCommands.AttachAsync(GlobalOptions.ResolveHome(result), UriOption.Rpc(result, ChainCommands.Rpc), cancellationToken).ConfigureAwait(false);
                using (client)
                {
                    var count = await system.Shards.ModelCountAsync(cancellationToken).ConfigureAwait(false);
                    if (number < 1 || number > count)
                    {
                        throw new UsageException($"--id {number}: ModelShardRegistry {system.Shards.Address} has models 1..{count}");
                    }
                    var location = await new Autonet.Node.Storage.ModelLocator(system, http).TryLocateAsync(number, cancellationToken).ConfigureAwait(false)
                        ?? throw new UsageException($"--id {number}: model {number} is registered but its shards were never placed (placeShards), so nobody knows where they are");
                    if (expectedRoot is { } want && want != location.MerkleRoot)
                    {
                        throw new UsageException($"--root {want}: model {number} is registered with Merkle root {location.MerkleRoot}");
                    }
                    fetched = await ModelFetcher.FetchAsync(location, cancellationToken).ConfigureAwait(false);
                    manifestId = location.Manifest;
                }
            }
            else
            {
                manifestId = ContentId.Parse(result.GetValue(id)!); // checked while parsing
                fetched = await ModelFetcher.FetchAsync(manifestId, ShardProvider.FromGateways(http, ParseProviders(result)), expectedRoot, cancellationToken).ConfigureAwait(false);
            }
            await ModelFetcher.WriteAsync(fetched, path, cancellationToken).ConfigureAwait(false);
            foreach (var failure in fetched.Failures)
            {
                print.Line($"[yellow]provider failed:[/] {Spectre.Console.Markup.Escape(failure.ToString())}");
            }

            var rebuilt = fetched.RebuiltShards.Count == 0 ? "" : $", rebuilt shard(s) {string.Join(", ", fetched.RebuiltShards)} from parity";
            print.Text($"fetched {fetched.Content.Length:N0} bytes ({fetched.Manifest.Content}) to {path}{rebuilt}");
            print.Object(new
            {
                id = manifestId,
                model = fetched.Manifest.Content,
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
        (result.GetValue(Providers) ?? []).SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(p => Uri.TryCreate(p, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https")
                ? uri
                : throw new UsageException($"--providers '{p}': not an http(s) URL (e.g. http://127.0.0.1:5080)"))
            .ToList();
}
