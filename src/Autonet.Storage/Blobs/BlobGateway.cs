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
/// or a byte range of it (the path IPFS gateways use, see <see cref="BlobReadEndpoint"/>), <c>POST /api/v0/add</c> stores the raw request body and answers {"Hash": cid}.
/// Unlike IPFS's add it takes the body as raw bytes, not multipart. No auth: bind it to loopback or a trusted network.
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
    public static async Task<BlobGateway> StartAsync(IBlobStore store, BlobGatewayOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        if (!IPAddress.TryParse(options.Host, out var host))
        {
            Errors.Format($"gateway host '{options.Host}'", "expected an IP address such as 127.0.0.1");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxUploadBytes);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(host, options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxUploadBytes;
        });
        var app = builder.Build();
        MapRoutes(app, store, options);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no bound address");
        return new BlobGateway(app, new Uri(bound.TrimEnd('/') + "/"));
    }

    /// <summary>Stops listening; in-flight requests get a moment to finish.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private static void MapRoutes(WebApplication app, IBlobStore store, BlobGatewayOptions options)
    {
        var read = new BlobReadEndpoint(store);
        app.MapMethods("/ipfs/{cid}", [HttpMethods.Get, HttpMethods.Head], read.HandleAsync);

        app.MapPost("/api/v0/add", async (HttpContext context) =>
        {
            if (context.Request.ContentLength > options.MaxUploadBytes)
            {
                return Results.Text($"body of {context.Request.ContentLength} bytes is over the limit of {options.MaxUploadBytes} bytes", statusCode: 413);
            }

            try
            {
                var id = await store.PutAsync(context.Request.Body, context.RequestAborted).ConfigureAwait(false);
                return Results.Json(new AddResponse(id.ToString()), AddResponseContext.Default.AddResponse);
            }
            catch (BlobTooLargeException error)
            {
                return Results.Text(error.Message, statusCode: 413);
            }
            catch (BadHttpRequestException error) when (error.StatusCode == 413)
            {
                return Results.Text($"body is over the limit of {options.MaxUploadBytes} bytes", statusCode: 413);
            }
        });
    }
}
