using Autonet.Protocol.Ports;
using Autonet.Protocol.Tests.Roles;

namespace Autonet.Protocol.Tests.Conformance;

/// <summary>The IChain conformance suite against the in-memory <see cref="FakeContract"/> and a manual clock.</summary>
public sealed class FakeChainConformanceTests : ChainConformance
{
    private readonly ManualClock _clock = new();
    private readonly FakeContract _contract;

    public FakeChainConformanceTests()
    {
        _contract = new FakeContract(_clock);
        Proposer = Chain(100);
        Solvers = [Chain(0), Chain(1), Chain(2)];
        Coordinators = [Chain(200), Chain(201)];
        Aggregator = Chain(300);
    }

    protected override IChain Proposer { get; }
    protected override IReadOnlyList<IChain> Solvers { get; }
    protected override IReadOnlyList<IChain> Coordinators { get; }
    protected override IChain Aggregator { get; }
    protected override ulong ProjectId => 7;

    protected override Task<DateTimeOffset> NowAsync() => Task.FromResult(_clock.GetUtcNow());

    protected override Task AdvancePastAsync(DateTimeOffset deadline)
    {
        var now = _clock.GetUtcNow();
        if (deadline >= now)
        {
            _clock.Advance(deadline - now + TimeSpan.FromSeconds(1));
        }

        return Task.CompletedTask;
    }

    protected override Task CloseRevealsAsync(ulong taskId)
    {
        _contract.CloseReveals(taskId);
        return Task.CompletedTask;
    }

    protected override Task FinalizeAsync(ulong taskId)
    {
        _contract.Finalize(taskId);
        return Task.CompletedTask;
    }

    private FakeChain Chain(int index) => new(_contract, TestNetwork.Account(index));
}
