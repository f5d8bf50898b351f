// The daemon's /metrics endpoint: Kestrel on the configured address (metrics.listen), answering GET /metrics with
// the PrometheusExporter's text and 404 for anything else. It serves the numbers only; no health checks, no pages.
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Autonet.Node.Metrics;

/// <summary>Serves <see cref="PrometheusExporter.Render"/> at /metrics.</summary>
public sealed class MetricsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly PrometheusExporter _exporter;

    private MetricsServer(WebApplication app, PrometheusExporter exporter, Uri url)
    {
        _app = app;
        _exporter = exporter;
        Url = url;
    }

    /// <summary>Where the metrics are, e.g. http://127.0.0.1:9464/metrics.</summary>
    public Uri Url { get; }

    /// <summary>Listens on <paramref name="endpoint"/> (port 0: a free one, see <see cref="Url"/>).</summary>
    /// <exception cref="IOException">The address cannot be bound (in use, not this host's); the message names it and the key.</exception>
    public static async Task<MetricsServer> StartAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var exporter = new PrometheusExporter();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(endpoint));
        var app = builder.Build();
        app.MapGet("/metrics", () => Results.Text(exporter.Render(), PrometheusExporter.ContentType));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException error)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            exporter.Dispose();
            throw new IOException($"metrics.listen {endpoint}: cannot listen there ({error.Message}); choose another port, 0 for a free one, or \"off\"", error);
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no bound address");
        return new MetricsServer(app, exporter, new Uri(bound.TrimEnd('/') + "/metrics"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        _exporter.Dispose();
    }
}
