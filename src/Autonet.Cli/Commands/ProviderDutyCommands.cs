using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Autonet.Cli.Output;
using Autonet.Core.Ids;
using Autonet.Node.Hosting;
using Autonet.Node.Storage;
using Autonet.Storage.Blobs;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet provider serve`: the storage provider's node loop, its gateway over the home's blobs plus, every poll, its
/// duties on chain (Node.Storage.ProviderDuty: announce the shards placed with it, answer possession challenges).
/// `autonet provider challenge --model N`: challenge a holder of one of model N's shards (a random one unless named);
/// `autonet provider expire ID`: record a challenge its provider left unanswered past the deadline (slashes it).
/// </summary>
internal static class ProviderDutyCommands
{
    public static Command Serve()
    {
        var port = new Option<int>("--port") { Description = "TCP port of the gateway; 0 picks a free one", DefaultValueFactory = _ => 5091 };
        var host = new Option<string>("--host") { Description = "Address to bind (loopback by default; 0.0.0.0 serves every interface)", DefaultValueFactory = _ => "127.0.0.1" };
        var announce = UriOption.Create("--announce", "The public URL to list on ProviderRegistry at start (stakes the provider minimum when short); omit when already announced");
        var poll = new Option<double>("--poll") { Description = "Seconds between looks at the chain", DefaultValueFactory = _ => 2 };
        poll.Validators.Add(r => { if (r.GetValueOrDefault<double>() is not (>= 0.1 and <= 3600)) r.AddError($"--poll {r.GetValueOrDefault<double>()}: must be in 0.1..3600 seconds"); });
        var command = new Command("serve", "Run this storage provider: its gateway, announcing placed shards and answering possession challenges, until Ctrl-C") { port, host, announce, poll, ChainCommands.Rpc };
        command.SetAction(async (result, cancellationToken) =>
        {
            var home = GlobalOptions.ResolveHome(result).EnsureCreated();
            var print = Printer.For(result);
            var store = new DiskBlobStore(home.File("blobs"));
            var options = BlobGatewayOptions.FromEnvironment() with { Port = result.GetValue(port), Host = result.GetValue(host)!, QuotaFile = home.File("upload-quota.json") };
            var (client, system, key) = await ChainCommands.AttachWithKeyAsync(result, cancellationToken).ConfigureAwait(false);
            using (client)
            using (key)
            {
                await using var gateway = await BlobGateway.StartAsync(store, options, cancellationToken).ConfigureAwait(false);
                if (result.GetValue(announce) is { } url)
                {
                    var (stake, minimum, _) = await NodeGate.StakeOfAsync(system, "provider", key, cancellationToken).ConfigureAwait(false);
                    if (stake < minimum)
                    {
                        await NodeGate.StakeAsync(system, "provider", key, minimum - stake, cancellationToken).ConfigureAwait(false);
                    }
                    await system.Providers.AnnounceAsync(key, url, cancellationToken).ConfigureAwait(false);
                }
                print.Object(new { @event = "serving", provider = key.Address, gateway = gateway.Address, announced = result.GetValue(announce) });
                print.Text($"provider {key.Address} serving {store.Root} at {gateway.Address}; announcing placed shards and answering challenges (Ctrl-C to stop)");
                var duty = new ProviderDuty(system, key, store);
                var every = TimeSpan.FromSeconds(result.GetValue(poll));
                while (!cancellationToken.IsCancellationRequested)
                {
                    try
                    {
                        var step = await duty.StepAsync(cancellationToken).ConfigureAwait(false);
                        foreach (var shard in step.Announced)
                        {
                            print.Object(new { @event = "announced", shard });
                            print.Text($"announced {shard}");
                        }
                        foreach (var challenge in step.Answered)
                        {
                            print.Object(new { @event = "answered", challenge = challenge.ToString(CultureInfo.InvariantCulture) });
                            print.Text($"answered possession challenge {challenge}");
                        }
                        foreach (var problem in step.Problems)
                        {
                            print.Object(new { @event = "problem", problem });
                            print.Line($"[yellow]{Spectre.Console.Markup.Escape(problem)}[/]");
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // The node loop's edge: a chain that is restarting or a reply out of range is retried next poll.
                        print.Object(new { @event = "failed", error = e.Message });
                        print.Line($"[yellow]provider step failed, retrying: {Spectre.Console.Markup.Escape(e.Message)}[/]");
                    }
                    try
                    {
                        await Task.Delay(every, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Challenge()
    {
        var model = new Option<ulong>("--model") { Description = "The model's id on ModelShardRegistry", Required = true };
        var shard = new Option<int?>("--shard") { Description = "The shard index (default: a random one with a holder)" };
        var provider = new Option<string?>("--provider") { Description = "The holder to challenge, 0x… (default: a random announced holder of the shard)" };
        var command = new Command("challenge", "Challenge a storage provider to prove it still holds a shard (the chunk is drawn from the challenge block's hash)") { model, shard, provider, ChainCommands.Rpc };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (client, system, key) = await ChainCommands.AttachWithKeyAsync(result, cancellationToken).ConfigureAwait(false);
            using (client)
            using (key)
            {
                var modelId = result.GetValue(model);
                var registered = await system.Shards.GetModelAsync(modelId, cancellationToken).ConfigureAwait(false);
                var total = registered.DataShards + registered.ParityShards;
                if (result.GetValue(shard) is { } s && (s < 0 || s >= total))
                {
                    throw new UsageException($"--shard {s}: model {modelId} has shards 0..{total - 1}");
                }
                Address? named = result.GetValue(provider) is { } text
                    ? (Address.TryParse(text, out var parsed) ? parsed : throw new UsageException($"--provider '{text}' is not a 0x-prefixed 20-byte address"))
                    : null;
                var candidates = new List<(int Shard, Address Holder)>();
                foreach (var index in result.GetValue(shard) is { } only ? [only] : Enumerable.Range(0, total))
                {
                    foreach (var holder in await system.Shards.ProvidersOfAsync(modelId, index, cancellationToken).ConfigureAwait(false))
                    {
                        if (named is null || holder == named)
                        {
                            candidates.Add((index, holder));
                        }
                    }
                }
                if (candidates.Count == 0)
                {
                    throw new UsageException($"model {modelId}: no announced holder{(named is null ? "" : $" {named}")} of {(result.GetValue(shard) is { } i ? $"shard {i}" : "any shard")} to challenge");
                }
                var (chosenShard, chosen) = candidates[System.Security.Cryptography.RandomNumberGenerator.GetInt32(candidates.Count)];
                var id = await system.Shards.ChallengePossessionAsync(key, modelId, chosenShard, chosen, cancellationToken).ConfigureAwait(false);
                var record = await system.Shards.ChallengeOfAsync(id, cancellationToken).ConfigureAwait(false);
                var print = Printer.For(result);
                print.Object(new { challenge = id.ToString(CultureInfo.InvariantCulture), model = modelId, shard = chosenShard, provider = chosen, deadline = record.Deadline });
                print.Text($"challenge {id}: {chosen} must prove shard {chosenShard} of model {modelId} by {record.Deadline:u}; after that `autonet provider expire {id}` records a failure");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Expire()
    {
        var id = new Argument<ulong>("ID") { Description = "The challenge id printed by `provider challenge`" };
        var command = new Command("expire", "Record a possession challenge left unanswered past its deadline (the provider is slashed to the challenger)") { id, ChainCommands.Rpc };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (client, system, key) = await ChainCommands.AttachWithKeyAsync(result, cancellationToken).ConfigureAwait(false);
            using (client)
            using (key)
            {
                var challengeId = new BigInteger(result.GetValue(id));
                var before = await system.Shards.ChallengeOfAsync(challengeId, cancellationToken).ConfigureAwait(false);
                await system.Shards.ExpirePossessionAsync(key, challengeId, cancellationToken).ConfigureAwait(false);
                var (proven, failed, _) = await system.Shards.PossessionRecordOfAsync(before.Provider, cancellationToken).ConfigureAwait(false);
                var print = Printer.For(result);
                print.Object(new { challenge = result.GetValue(id), provider = before.Provider, state = "failed", proven, failed });
                print.Text($"challenge {challengeId}: {before.Provider} failed to prove shard {before.ShardIndex} of model {before.ModelId} (record: {proven} proven, {failed} failed)");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
