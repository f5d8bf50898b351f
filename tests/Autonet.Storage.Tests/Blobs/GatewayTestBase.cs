using Autonet.Storage.Blobs;

namespace Autonet.Storage.Tests.Blobs;

/// <summary>Real gateways on loopback, each over its own disk store, all stopped after the test; one HTTP client.</summary>
public abstract class GatewayTestBase : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly List<BlobGateway> _gateways = [];

    protected HttpClient Client { get; } = new();

    /// <summary>A folder deleted after the test.</summary>
    protected string Folder => _directory.Path;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        _directory.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts a gateway with <paramref name="options"/> over a fresh disk store.</summary>
    protected async Task<BlobGateway> StartAsync(BlobGatewayOptions options)
    {
        var disk = new DiskBlobStore(Path.Combine(_directory.Path, _gateways.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var gateway = await BlobGateway.StartAsync(disk, options, CancellationToken.None);
        _gateways.Add(gateway);
        return gateway;
    }
}
