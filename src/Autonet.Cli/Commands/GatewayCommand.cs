using System.CommandLine;
using System.Globalization;
using Autonet.Storage.Blobs;
using Spectre.Console;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet gateway`: serves the node's blob store over HTTP (GET /ipfs/{cid}, POST /api/v0/add) until Ctrl-C.
/// Who may upload: loopback (unless --trust-loopback false), and other hosts with a bearer token from
/// --upload-tokens-file or $AUTONET_UPLOAD_TOKENS, within --upload-quota-bytes each. Tokens are never taken as
/// flags (other users see a command line) and never printed.
/// </summary>
internal static class GatewayCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "TCP port; 0 picks a free one", DefaultValueFactory = _ => 5080 };
        var host = new Option<string>("--host") { Description = "Address to bind (loopback by default; 0.0.0.0 serves every interface)", DefaultValueFactory = _ => "127.0.0.1" };
        var tokensFile = new Option<FileInfo?>("--upload-tokens-file")
        {
            Description = $"File of bearer tokens that may upload from other hosts, one per line, '#' comments (added to ${BlobGatewayOptions.TokensVariable}); make one with `openssl rand -hex 32`",
        };
        var quota = new Option<long?>("--upload-quota-bytes")
        {
            Description = $"Bytes each non-loopback client may upload while the gateway runs; 0 = unlimited [default: ${BlobGatewayOptions.QuotaVariable} or 1 GiB]",
        };
        var trustLoopback = new Option<bool?>("--trust-loopback")
        {
            Description = $"Let loopback clients upload without a token or quota (true/false) [default: ${BlobGatewayOptions.TrustLoopbackVariable} or true]",
        };
        var command = new Command("gateway", "Serve this node's content-addressed blobs over HTTP until Ctrl-C") { port, host, tokensFile, quota, trustLoopback };
        command.SetAction(async (result, cancellationToken) =>
        {
            var home = GlobalOptions.ResolveHome(result).EnsureCreated();
            var store = new DiskBlobStore(home.File("blobs"));
            var options = BlobGatewayOptions.FromEnvironment();
            if (result.GetValue(tokensFile) is { } file)
            {
                var fromFile = file.Exists
                    ? BlobGatewayOptions.ParseTokens(await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false))
                    : throw new FileNotFoundException($"--upload-tokens-file '{file.FullName}' does not exist", file.FullName);
                options = options with { UploadTokens = [.. options.UploadTokens, .. fromFile] };
            }

            options = options with
            {
                Port = result.GetValue(port),
                Host = result.GetValue(host)!, // has a default
                UploadQuotaBytes = result.GetValue(quota) ?? options.UploadQuotaBytes,
                TrustLoopback = result.GetValue(trustLoopback) ?? options.TrustLoopback,
                QuotaFile = home.File("upload-quota.json"), // usage survives a restart
            };
            await using var gateway = await BlobGateway.StartAsync(store, options, cancellationToken).ConfigureAwait(false);
            AnsiConsole.MarkupLine($"gateway serving [bold]{Markup.Escape(store.Root)}[/] at [bold]{gateway.Address}[/] (Ctrl-C to stop)");
            AnsiConsole.MarkupLine(Markup.Escape(Uploads(options)));
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

    // Who may upload, in one line, without any token's text.
    private static string Uploads(BlobGatewayOptions options)
    {
        var loopback = options.TrustLoopback ? "loopback uploads freely" : "loopback needs a token too";
        var others = options.UploadTokens.Count == 0
            ? $"no upload tokens, so other hosts cannot upload (--upload-tokens-file or ${BlobGatewayOptions.TokensVariable})"
            : $"other hosts need one of {options.UploadTokens.Count} upload token(s)";
        var quota = options.UploadQuotaBytes == 0 ? "no quota" : string.Create(CultureInfo.InvariantCulture, $"quota {options.UploadQuotaBytes:N0} bytes per client address");
        return $"uploads: {loopback}; {others}; {quota}";
    }
}
