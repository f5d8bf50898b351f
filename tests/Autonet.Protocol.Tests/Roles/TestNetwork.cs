using System.Security.Cryptography;
using Autonet.Core.Ids;
using Autonet.Protocol.Aggregation;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Roles;
using Autonet.Protocol.Tests.Aggregation;

namespace Autonet.Protocol.Tests.Roles;

/// <summary>
/// One proposer, three solvers, two coordinators and an aggregator on a fake contract, a shared blob store and a
/// manual clock; each node has its own chain view and its own state store, as in Autonet.Node.
/// </summary>
internal sealed class TestNetwork
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>A window and one second: just past a deadline (the contract's deadlines are inclusive).</summary>
    public static readonly TimeSpan Step = Window + TimeSpan.FromSeconds(1);

    public TestNetwork(AggregationOptions? aggregation = null)
    {
        Contract = new FakeContract(Clock);
        BaseModel = [1f, 2f, 3f, 4f];
        Models = new InMemoryModelStore(Blobs);
        Proposer = new ProposerRole(Chain(100), Blobs, ProposerStore, Clock, NewSalt);
        for (var i = 0; i < 3; i++)
        {
            var trainer = new FakeTrainer([0.1f * (i + 1), -0.1f, 0.2f, 0f]);
            SolverTrainers.Add(trainer);
            SolverChains.Add(Chain(i));
            SolverStores.Add(new InMemoryStateStore<SolverTaskState>());
            Solvers.Add(NewSolver(i));
        }

        for (var c = 0; c < 2; c++)
        {
            CoordinatorScorers.Add(new FakeScorer(0.5 + (0.25 * c)));
            CoordinatorCodecs.Add(new FakeCodec());
            Coordinators.Add(NewCoordinator(c));
        }

        Aggregator = new AggregatorRole(Chain(300), Blobs, AggregatorCodec, Models, AggregatorStore, aggregation ?? new AggregationOptions());
    }

    public ManualClock Clock { get; } = new();
    public FakeContract Contract { get; }
    public InMemoryBlobStore Blobs { get; } = new();
    public float[] BaseModel { get; }
    public ProposerRole Proposer { get; }
    public InMemoryStateStore<ProposerTaskState> ProposerStore { get; } = new();
    public List<SolverRole> Solvers { get; } = [];
    public List<FakeChain> SolverChains { get; } = [];
    public List<FakeTrainer> SolverTrainers { get; } = [];
    public List<InMemoryStateStore<SolverTaskState>> SolverStores { get; } = [];

    /// <summary>Each solver's own store, where its delta waits until the reveal.</summary>
    public List<InMemoryBlobStore> SolverHeld { get; } = [new(), new(), new()];
    public List<CoordinatorRole> Coordinators { get; } = [];
    public List<FakeScorer> CoordinatorScorers { get; } = [];
    public List<FakeCodec> CoordinatorCodecs { get; } = [];
    public List<InMemoryStateStore<CoordinatorTaskState>> CoordinatorStores { get; } = [new(), new()];
    public FakeCodec AggregatorCodec { get; } = new();
    public InMemoryModelStore Models { get; }
    public AggregatorRole Aggregator { get; }
    public InMemoryStateStore<AggregatorTaskState> AggregatorStore { get; } = new();

    public static Address Account(int index) => RandomUpdates.Solver(index + 1);

    /// <summary>A fresh role object over the same store and chain: what a restarted solver process builds.</summary>
    public SolverRole NewSolver(int index) =>
        new(SolverChains[index], Blobs, SolverHeld[index], new FakeCodec(), SolverTrainers[index], SolverStores[index], Clock, NewSalt);

    /// <summary>A fresh coordinator over the same store and chain: what a restarted coordinator process builds.</summary>
    public CoordinatorRole NewCoordinator(int index) =>
        new(Chain(200 + index), Blobs, CoordinatorCodecs[index], CoordinatorScorers[index], CoordinatorStores[index], Clock, 10);

    public async Task<ulong> ProposeAsync()
    {
        var baseId = await Blobs.PutAsync(FakeCodec.Encode(BaseModel), default);
        var spec = new TaskSpec(0, baseId, """{"steps":1}""", 1000, 1, Window, Window, Window);
        return await Proposer.ProposeAsync(spec, [9, 9, 9], default);
    }

    /// <summary>Drives every role through one task: commits, reveals, votes, finalization, publication.</summary>
    public async Task<AggregatorTaskState?> RunRoundAsync(ulong taskId)
    {
        foreach (var solver in Solvers)
        {
            await solver.StepAsync(taskId, default);
        }

        Clock.Advance(Step);
        await Proposer.StepAsync(taskId, default);
        foreach (var solver in Solvers)
        {
            await solver.StepAsync(taskId, default);
        }

        Clock.Advance(Step);
        Contract.CloseReveals(taskId);
        foreach (var coordinator in Coordinators)
        {
            await coordinator.StepAsync(taskId, default); // judge and commit
        }

        Clock.Advance(Step);
        Contract.DrawCommittee(taskId);
        foreach (var coordinator in Coordinators)
        {
            await coordinator.StepAsync(taskId, default); // reveal
        }

        Clock.Advance(Step);
        Contract.Finalize(taskId);
        return await Aggregator.StepAsync(taskId, default);
    }

    private static Hash32 NewSalt() => new(RandomNumberGenerator.GetBytes(Hash32.Length));

    private FakeChain Chain(int index) => new(Contract, Account(index));
}
