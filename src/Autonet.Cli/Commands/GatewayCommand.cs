using System.CommandLine;
using Autonet.Storage.Blobs;
using Spectre.Console;

namespace Autonet.Cli.Commands;

/// <summary>`autonet gateway`: serves the node's blob store over HTTP (GET /ipfs/{cid}, POST /api/v0/add) until Ctrl-C.</summary>
internal static class GatewayCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port; 0 picks a free one", DefaultValueFactory = _ => 5080 };
        var host = new Option<string>("--host") { Description = "Address to bind (loopback by default)", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("gateway", "Serve this node's content-addressed blobs over HTTP until Ctrl-C") { port, host };
        command.SetAction(async (result, cancellationToken) =>
        {
            var home = GlobalOptions.ResolveHome(result).EnsureCreated();
            var store = new DiskBlobStore(home.File("blobs"));
            var options = new BlobGatewayOptions { Port = result.GetValue(port), Host = result.GetValue(host)! }; // has a default
            await using var gateway = await BlobGateway.StartAsync(store, options, cancellationToken).ConfigureAwait(false);
            AnsiConsole.MarkupLine($"gateway serving [bold]{Markup.Escape(store.Root)}[/] at [bold]{gateway.Address}[/] (Ctrl-C to stop)");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                AnsiConsole.MarkupLine("gateway stopped");
            }

            return 0;
        });
        return command;
    }
}
