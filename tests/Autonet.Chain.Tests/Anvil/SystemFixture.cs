using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Chain.Dev;
using Autonet.Chain.Rpc;

namespace Autonet.Chain.Tests.Anvil;

/// <summary>
/// One anvil with the eight real contracts deployed and wired (contracts/out, or AUTONET_CONTRACTS_OUT), and dev
/// accounts 2..11 holding 100 000 ATN with allowances for staking, project, shards, rewards, challenges and the market, as contracts/testlib/system.mjs does.
/// Tests take a snapshot and revert to it so each starts from this state.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private DevChain? _chain;
    private ChainClient? _client;
    private AutonetSystem? _system;

    public DevChain Chain => _chain ?? throw new InvalidOperationException("fixture not initialised");

    public ChainClient Client => _client ?? throw new InvalidOperationException("fixture not initialised");

    public AutonetSystem Contracts => _system ?? throw new InvalidOperationException("fixture not initialised");

    public string OutDirectory { get; } = CompiledContract.FindOutDirectory();

    public SigningKey Admin => Chain.DevKeys[0];

    public SigningKey Owner => Chain.DevKeys[2];

    public IReadOnlyList<SigningKey> Solvers => [Chain.DevKeys[3], Chain.DevKeys[4], Chain.DevKeys[5]];

    public IReadOnlyList<SigningKey> Coordinators => [Chain.DevKeys[6], Chain.DevKeys[7]];

    public SigningKey Aggregator => Chain.DevKeys[8];

    public SigningKey Planter => Chain.DevKeys[9];

    public SigningKey Outsider => Chain.DevKeys[10];

    public async Task InitializeAsync()
    {
        var none = CancellationToken.None;
        _chain = await DevChain.StartAsync(new DevChainOptions { Accounts = 12 }, none);
        _client = await _chain.ConnectAsync(none);
        var options = new SystemOptions { Treasury = _chain.DevKeys[1].Address, ForcedErrorPlanter = _chain.DevKeys[9].Address };
        _system = await AutonetSystem.DeployAsync(_client, Admin, OutDirectory, options, none);
        var unlimited = global::System.Numerics.BigInteger.Pow(2, 256) - 1;
        foreach (var account in _chain.DevKeys.Skip(2))
        {
            await _system.Token.TransferAsync(Admin, account.Address, Atn.Units(100_000), none);
            foreach (var spender in new[] { _system.Staking.Address, _system.Project.Address, _system.Shards.Address, _system.Rewards.Address, _system.Challenges.Address, _system.Market!.Address })
            {
                await _system.Token.ApproveAsync(account, spender, unlimited, none);
            }
        }
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
