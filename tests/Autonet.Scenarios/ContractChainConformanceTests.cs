using Autonet.Chain.Dev;
using Autonet.Devnet.Network;
using Autonet.Node.Adapters;
using Autonet.Node.Roles;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Tests.Conformance;

namespace Autonet.Scenarios;

/// <summary>
/// The IChain conformance suite against ContractChain and the deployed contracts on one anvil per class; each test
/// posts its own task. Time moves with evm_increaseTime; the keeper's duties are sent with the aggregator's key.
/// </summary>
public sealed class ContractChainConformanceTests(ConformanceNetwork fixture) : ChainConformance, IClassFixture<ConformanceNetwork>
{
    private readonly NetworkSetup _network = fixture.Network;

    protected override IChain Proposer => Chain(NodeRole.Proposer).Single();
    protected override IReadOnlyList<IChain> Solvers => [.. Chain(NodeRole.Solver)];
    protected override IReadOnlyList<IChain> Coordinators => [.. Chain(NodeRole.Coordinator)];
    protected override IChain Aggregator => Keeper;
    protected override ulong ProjectId => (ulong)_network.ProjectId;

    private ContractChain Keeper => Chain(NodeRole.Aggregator).Single();

    protected override async Task<DateTimeOffset> NowAsync() =>
        DateTimeOffset.FromUnixTimeSeconds((long)await _network.Client.GetLatestTimestampAsync(default));

    protected override async Task AdvancePastAsync(DateTimeOffset deadline)
    {
        var by = deadline - await NowAsync() + TimeSpan.FromSeconds(1);
        if (by > TimeSpan.Zero)
        {
            await _network.Client.AdvanceTimeAsync(by, default);
        }
    }

    protected override Task CloseRevealsAsync(ulong taskId) => Keeper.CloseRevealsAsync(taskId, default);

    protected override Task FinalizeAsync(ulong taskId) => Keeper.FinalizeAsync(taskId, default);

    private IEnumerable<ContractChain> Chain(NodeRole role) => _network.Role(role).Select(n => n.Chain);
}
