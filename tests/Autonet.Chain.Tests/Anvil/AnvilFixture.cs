using Autonet.Chain.Dev;
using Autonet.Chain.Rpc;

namespace Autonet.Chain.Tests.Anvil;

/// <summary>One real anvil per test class (xUnit class fixture), stopped even when tests fail.</summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    private DevChain? _chain;
    private ChainClient? _client;

    public DevChain Chain => _chain ?? throw new InvalidOperationException("fixture not initialised");

    public ChainClient Client => _client ?? throw new InvalidOperationException("fixture not initialised");

    public async Task InitializeAsync()
    {
        _chain = await DevChain.StartAsync(new DevChainOptions { Accounts = 12 }, CancellationToken.None);
        _client = await _chain.ConnectAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_chain is not null)
        {
            await _chain.DisposeAsync();
        }
    }
}
