using Autonet.Chain.Dev;

namespace Autonet.Chain.Tests.Anvil;

/// <summary>Snapshots the fixture's chain before each test and reverts after, so tests share one anvil yet stay independent.</summary>
public abstract class SystemTestBase(SystemFixture fixture) : IAsyncLifetime
{
    private string? _snapshot;

    protected static CancellationToken None => CancellationToken.None;

    protected SystemFixture Fixture { get; } = fixture;

    public async Task InitializeAsync() => _snapshot = await Fixture.Client.SnapshotAsync(None);

    public async Task DisposeAsync()
    {
        if (_snapshot is not null)
        {
            await Fixture.Client.RevertAsync(_snapshot, None);
        }
    }
}
