using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Autonet.Storage.Blobs;

/// <summary>
/// An HTTP face for an <see cref="IBlobStore"/> (Kestrel, minimal API): <c>GET|HEAD /ipfs/{cid}</c> streams a blob
/// or a byte range of it (the path IPFS gateways use, see <see cref="BlobReadEndpoint"/>), <c>POST /api/v0/add</c>
/// stores a raw or kubo-style multipart upload (see <see cref="BlobAddEndpoint"/>). Loopback uploads are open by default;
/// other hosts need a bearer token from <see cref="BlobGatewayOptions.UploadTokens"/> and stay within a per-address quota.
/// </summary>
public sealed class BlobGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BlobGateway(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The base address with the bound port, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    /// <summary>Starts serving <paramref name="store"/>.</summary>
    /// <exception cref="FormatException"><see cref="BlobGatewayOptions.Host"/> is not an IP address.</exception>
    /// <exception cref="ArgumentException">An upload token is too short or the quota is negative.</exception>
    /// <exception cref="InvalidDataException"><see cref="BlobGatewayOptions.QuotaFile"/> exists but is malformed.</exception>
    public static async Task<BlobGateway> StartAsync(IBlobStore store, BlobGatewayOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        if (!IPAddress.TryParse(options.Host, out var host))
        {
            Errors.Format($"gateway host '{options.Host}'", "expected an IP address such as 127.0.0.1");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxUploadBytes);
        Validate(options);
        var quota = new UploadQuota(options.UploadQuotaBytes, options.QuotaFile); // reads the quota file before anything listens
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(host, options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxUploadBytes;
        });
        var app = builder.Build();
        MapRoutes(app, store, options, quota);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no bound address");
        return new BlobGateway(app, new Uri(bound.TrimEnd('/') + "/"));
    }

    /// <summary>Stops listening; in-flight requests get a moment to finish.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private static void Validate(BlobGatewayOptions options)
    {
        if (options.UploadQuotaBytes < 0)
        {
            Errors.Argument(nameof(options), $"UploadQuotaBytes is {options.UploadQuotaBytes}: it must be 0 (unlimited) or a positive number of bytes");
        }

        for (var index = 0; index < options.UploadTokens.Count; index++)
        {
            // The token itself is a secret: name its position and length, never its text.
            var token = options.UploadTokens[index];
            if (!BlobGatewayOptions.IsValidToken(token))
            {
                Errors.Argument(nameof(options), $"UploadTokens[{index}] ({token?.Length ?? 0} characters) must be at least {BlobGatewayOptions.MinTokenLength} printable ASCII characters without whitespace; generate one with `openssl rand -hex 32`");
            }
        }
    }

    private static void MapRoutes(WebApplication app, IBlobStore store, BlobGatewayOptions options, UploadQuota quota)
    {
        var read = new BlobReadEndpoint(store);
        app.MapMethods("/ipfs/{cid}", [HttpMethods.Get, HttpMethods.Head], read.HandleAsync);

        var add = new BlobAddEndpoint(store, options, quota);
        app.MapPost("/api/v0/add", (Delegate)add.HandleAsync);
    }
}
