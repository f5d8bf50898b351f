using Autonet.Devnet.Network;

namespace Autonet.Scenarios;

/// <summary>
/// One fresh anvil for the whole conformance class: contracts deployed, a funded project, a staked proposer, three
/// solvers, two coordinators (equal stakes) and an aggregator, each with its own ContractChain. No forced errors.
/// </summary>
public sealed class ConformanceNetwork : IAsyncLifetime
{
    private readonly string _home = Directory.CreateTempSubdirectory("autonet-conformance-").FullName;
    private NetworkSetup? _network;

    /// <summary>The running network; set by <see cref="InitializeAsync"/>.</summary>
    public NetworkSetup Network => _network ?? throw new InvalidOperationException("the conformance network is not started");

    public async Task InitializeAsync() =>
        _network = await NetworkSetup.StartAsync(new NetworkOptions { Home = _home, ForcedErrors = false }, _ => { }, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_network is not null)
        {
            await _network.DisposeAsync();
        }

        Directory.Delete(_home, recursive: true);
    }
}
