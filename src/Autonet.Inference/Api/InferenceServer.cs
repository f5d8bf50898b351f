// The node's OpenAI-compatible HTTP face (Kestrel minimal API, as Storage's BlobGateway): GET /v1/models[/{id}],
// POST /v1/embeddings and POST /v1/kvectors for the served encoders (the provider side), and POST
// /v1/chat/completions when a local decoder is loaded (the user's side). Every refusal is OpenAI's error object
// with a 4xx status that names the field; an unexpected failure is a 500 "server_error" with one line.
using System.Net;
using Autonet.Inference.Chat;
using Autonet.Inference.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Autonet.Inference.Api;

/// <summary>Where the server listens and how large a request may be.</summary>
public sealed record InferenceServerOptions
{
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one.</summary>
    public int Port { get; init; } = 8080;

    /// <summary>Largest request body (16 MiB: 2048 inputs, or a few large images).</summary>
    public long MaxBodyBytes { get; init; } = 16 << 20;

    /// <summary>With a gate, /v1/embeddings and /v1/kvectors need an Autonet-Voucher and answer with an Autonet-Receipt.</summary>
    public Market.PaymentGate? Payments { get; init; }
}

/// <summary>A running inference server.</summary>
public sealed class InferenceServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InferenceServer(WebApplication app, Uri address) => (_app, Address) = (app, address);

    /// <summary>The base address with the bound port, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    /// <exception cref="FormatException">The host is not an IP address.</exception>
    public static async Task<InferenceServer> StartAsync(ModelCatalog catalog, ChatService? chat, InferenceServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        if (!IPAddress.TryParse(options.Host, out var host))
        {
            throw new FormatException($"--host '{options.Host}': expected an IP address such as 127.0.0.1");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBodyBytes);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(host, options.Port);
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
        });
        var app = builder.Build();
        app.Use(HandleErrorsAsync);
        var models = new ModelsEndpoint(catalog, chat);
        app.MapGet("/v1/models", models.ListAsync);
        app.MapGet("/v1/models/{id}", (HttpContext c, string id) => models.GetAsync(c, id));
        app.MapPost("/v1/embeddings", new EmbeddingsEndpoint(catalog, options.Payments).HandleAsync);
        app.MapPost("/v1/kvectors", new KVectorsEndpoint(catalog, options.Payments).HandleAsync);
        if (chat is not null)
        {
            app.MapPost("/v1/chat/completions", new ChatCompletionsEndpoint(chat).HandleAsync);
        }
        else
        {
            app.MapPost("/v1/chat/completions", (HttpContext c) => throw new ApiException(404, "this node serves no chat decoder; start `autonet serve` with --decoder FILE", "model", "chat_not_served"));
        }
        app.MapFallback((HttpContext c) => throw new ApiException(404, $"{c.Request.Method} {c.Request.Path} is not an endpoint of this node; see GET /v1/models", null, "unknown_url"));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no bound address");
        return new InferenceServer(app, new Uri(bound.TrimEnd('/') + "/"));
    }

    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private static async Task HandleErrorsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await JsonResponse.WriteErrorAsync(context, e, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var error = e.StatusCode == 413
                ? new ApiException(413, $"the request body is larger than this node accepts: {e.Message}", null, "request_too_large")
                : new ApiException(e.StatusCode, e.Message, null, "bad_request");
            await JsonResponse.WriteErrorAsync(context, error, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException) // the server's edge: one line, no stack
        {
            await JsonResponse.WriteErrorAsync(context, new ApiException(500, $"{e.GetType().Name}: {e.Message}", null, "internal_error", "server_error"), context.RequestAborted).ConfigureAwait(false);
        }
    }
}
