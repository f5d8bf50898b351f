using Autonet.Chain.Dev;
using Autonet.Chain.Rpc;

namespace Autonet.Chain.Tests.Anvil;

public class DevChainTests
{
    [Fact]
    public async Task DisposeAsync_RunningChain_StopsNodeAndDeletesState()
    {
        var chain = await DevChain.StartAsync(new DevChainOptions { Accounts = 2, ChainId = 4242 }, CancellationToken.None);
        using (var client = await chain.ConnectAsync(CancellationToken.None))
        {
            Assert.Equal(4242, client.ChainId);
            Assert.Equal(2, chain.DevKeys.Count);
            Assert.True(await client.GetBalanceAsync(chain.DevKeys[1].Address, CancellationToken.None) > 0);
        }
        Assert.True(Directory.Exists(chain.StateDirectory));
        await chain.DisposeAsync();
        Assert.False(Directory.Exists(chain.StateDirectory));
        await Assert.ThrowsAsync<ChainException>(() => ChainClient.ConnectAsync(chain.Endpoint, null, CancellationToken.None));
    }

    [Fact]
    public async Task StartAsync_MissingAnvil_SaysHowToInstall()
    {
        var error = await Assert.ThrowsAsync<ChainException>(() =>
            DevChain.StartAsync(new DevChainOptions { AnvilPath = "/nonexistent/anvil" }, CancellationToken.None));
        Assert.Equal("anvil not found at /nonexistent/anvil: run `cd contracts && npm install` (or set AUTONET_ANVIL to its path)", error.Message);
    }
}
