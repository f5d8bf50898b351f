using System.CommandLine;
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Cli.Output;
using Autonet.Node.Hosting;

namespace Autonet.Cli.Commands;

/// <summary>`autonet provider announce URL|withdraw|list|serve|challenge|expire`: storage providers and their gateways, on chain (ProviderRegistry), and their duties (ProviderDutyCommands).</summary>
internal static class ProviderCommand
{
    public static Command Create()
    {
        var url = new Argument<Uri>("gateway") { Description = "The public URL of this provider's blob gateway (http:// or https://)", CustomParser = r => new Uri(r.Tokens[0].Value, UriKind.RelativeOrAbsolute) };
        var announce = new Command("announce", "List this node as a storage provider with its gateway URL; stakes ModelShardRegistry's provider minimum first when short") { url, ChainCommands.Rpc };
        announce.SetAction(async (result, cancellationToken) =>
        {
            var gateway = result.GetValue(url)!;
            if (!gateway.IsAbsoluteUri || (gateway.Scheme != "http" && gateway.Scheme != "https"))
            {
                throw new UsageException($"gateway '{gateway}' is invalid: must be an absolute http:// or https:// URL");
            }
            var (client, system, key) = await ChainCommands.AttachWithKeyAsync(result, cancellationToken).ConfigureAwait(false);
            using (client)
            using (key)
            {
                var (stake, minimum, _) = await NodeGate.StakeOfAsync(system, "provider", key, cancellationToken).ConfigureAwait(false);
                if (stake < minimum)
                {
                    await NodeGate.StakeAsync(system, "provider", key, minimum - stake, cancellationToken).ConfigureAwait(false);
                }
                var receipt = await system.Providers.AnnounceAsync(key, gateway, cancellationToken).ConfigureAwait(false);
                var print = Printer.For(result);
                print.Object(new { provider = key.Address, gateway, stakeAtn = Atn.Format(BigInteger.Max(stake, minimum)), tx = receipt.TransactionHash });
                print.Text($"{key.Address} announced {gateway} (provider stake {Atn.Format(BigInteger.Max(stake, minimum))} ATN, tx {receipt.TransactionHash})");
            }
            return ExitCodes.Success;
        });

        var withdraw = new Command("withdraw", "Take this node off the provider list") { ChainCommands.Rpc };
        withdraw.SetAction(async (result, cancellationToken) =>
        {
            var (client, system, key) = await ChainCommands.AttachWithKeyAsync(result, cancellationToken).ConfigureAwait(false);
            using (client)
            using (key)
            {
                var receipt = await system.Providers.WithdrawAsync(key, cancellationToken).ConfigureAwait(false);
                Printer.For(result).Object(new { provider = key.Address, tx = receipt.TransactionHash });
                Printer.For(result).Text($"{key.Address} withdrawn (tx {receipt.TransactionHash})");
            }
            return ExitCodes.Success;
        });

        var list = new Command("list", "The storage providers announced on chain and their gateways") { ChainCommands.Rpc };
        list.SetAction(async (result, cancellationToken) =>
        {
            var (client, system) = await ChainCommands.AttachAsync(GlobalOptions.ResolveHome(result), UriOption.Rpc(result, ChainCommands.Rpc), cancellationToken).ConfigureAwait(false);
            using (client)
            {
                var providers = await system.Providers.ListAsync(cancellationToken).ConfigureAwait(false);
                var rows = new List<(ProviderListing Listing, bool Active)>();
                foreach (var p in providers)
                {
                    rows.Add((p, await system.Providers.IsActiveAsync(p.Provider, cancellationToken).ConfigureAwait(false)));
                }
                var print = Printer.For(result);
                print.Object(new { providers = rows.Select(r => new { provider = r.Listing.Provider, gateway = r.Listing.Gateway, active = r.Active }) });
                print.Table(["provider", "gateway", "active"], rows.Select(r => (IReadOnlyList<string>)[r.Listing.Provider.ToString(), r.Listing.Gateway.ToString(), r.Active ? "yes" : "no (stake below minimum)"]));
            }
            return ExitCodes.Success;
        });
        return new Command("provider", "Storage providers on chain: announce this node's gateway, list everyone's, serve, challenge possession")
        {
            announce, withdraw, list, ProviderDutyCommands.Serve(), ProviderDutyCommands.Challenge(), ProviderDutyCommands.Expire(),
        };
    }
}
