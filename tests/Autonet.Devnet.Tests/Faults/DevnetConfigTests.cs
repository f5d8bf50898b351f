using Autonet.Devnet.Faults;
using Autonet.Node;
using Autonet.Node.Roles;
using Microsoft.Extensions.Logging.Abstractions;

namespace Autonet.Devnet.Tests.Faults;

/// <summary>devnet.json: round-trips with readable names, is absent for an honest node, and becomes the right decorator.</summary>
public sealed class DevnetConfigTests : IDisposable
{
    private readonly NodeHome _home = new(Directory.CreateTempSubdirectory("autonet-devnetconfig-").FullName);

    [Fact]
    public void SaveLoad_Attack_RoundTripsWithReadableNames()
    {
        var faults = new DevnetConfig { Attack = SolverAttack.SignFlip, AttackSeed = 142 };

        faults.Save(_home);

        Assert.Equal("""{"attack":"signflip","attackSeed":142}""", File.ReadAllText(_home.File(DevnetConfig.FileName)));
        Assert.Equal(faults, DevnetConfig.Load(_home));
    }

    [Fact]
    public void Load_HonestHome_Null()
    {
        Assert.Null(DevnetConfig.Load(_home));
        Assert.Null(NodeFaults.Load(_home, NullLoggerFactory.Instance));
    }

    [Fact]
    public void Load_UnknownFault_ThrowsNamingFileAndMember()
    {
        File.WriteAllText(_home.File(DevnetConfig.FileName), """{"coordinatorFault":"sleepy"}""");
        var error = Assert.Throws<FormatException>(() => DevnetConfig.Load(_home));
        Assert.Contains("devnet.json is not a valid devnet.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.coordinatorFault", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_EachMisbehaviour_WrapsTheMatchingPart()
    {
        var chain = new NoChain();
        var trainer = TinyJepa.Trainer(1);
        RoleDecorator Of(DevnetConfig faults) => NodeFaults.For(faults, NullLogger.Instance)!;

        var blobs = new Autonet.Node.Adapters.BlobStoreAdapter(new Autonet.Storage.Blobs.DiskBlobStore(Path.Combine(Path.GetTempPath(), "autonet-devnet-config-test")));
        Assert.IsType<ForcedErrorTrainer>(Of(new() { Planter = true, PlantRound = 1 }).Trainer!(trainer, chain, blobs));
        var planterChain = Assert.Throws<InvalidOperationException>(() => Of(new() { Planter = true, PlantRound = 1 }).Chain!(chain));
        Assert.Contains("a planter account needs the node's contract chain view, got NoChain", planterChain.Message, StringComparison.Ordinal);
        Assert.IsType<NormOnlyScorer>(Of(new() { CoordinatorFault = CoordinatorFault.NormFilter }).Scorer!(new Autonet.Node.Adapters.JepaDeltaScorer()));
        Assert.IsType<SybilFillChain>(Of(new() { CoordinatorFault = CoordinatorFault.SybilFill }).Chain!(chain));
        Assert.Throws<InvalidOperationException>(() => Of(new() { CoordinatorFault = CoordinatorFault.CopyVotes }).Chain!(chain));
        Assert.IsType<AttackTrainer>(Of(new() { Attack = SolverAttack.Noise }).Trainer!(trainer, chain, blobs));
        Assert.IsType<PreviousTaskTrainer>(Of(new() { Attack = SolverAttack.Replay }).Trainer!(trainer, chain, blobs));
        Assert.IsType<SilentChain>(Of(new() { Attack = SolverAttack.SlotFill }).Chain!(chain));
        Assert.IsType<GarbageDeltaCodec>(Of(new() { Attack = SolverAttack.BadReveal }).Codec!(new Autonet.Node.Adapters.JepaCodec()));
        Assert.IsType<SilentChain>(Of(new() { ProposerFault = ProposerFault.NeverOpen }).Chain!(chain));
        Assert.IsType<SilentChain>(Of(new() { ProposerFault = ProposerFault.NeverReveal }).Chain!(chain));
        Assert.IsType<MismatchedRevealChain>(Of(new() { SolverFault = SolverFault.RevealMismatch }).Chain!(chain));
        Assert.IsType<CopiedRevealChain>(Of(new() { SolverFault = SolverFault.Copy }).Chain!(chain));
        Assert.IsType<CrashAfterCommitChain>(Of(new() { SolverFault = SolverFault.CrashAfterCommit }).Chain!(chain));
        Assert.IsType<ApproveAllChain>(Of(new() { CoordinatorFault = CoordinatorFault.Lazy }).Chain!(chain));
        Assert.Null(NodeFaults.For(new() { SolverFault = SolverFault.CorruptBlob }, NullLogger.Instance)); // the run alters the blob
        Assert.Null(NodeFaults.For(new() { CoordinatorFault = CoordinatorFault.UnreachableGateway }, NullLogger.Instance)); // node.json's gateway
        Assert.Null(NodeFaults.For(null, NullLogger.Instance));
    }

    public void Dispose() => Directory.Delete(_home.Path, recursive: true);

    // Never called: the decorators only wrap it.
    private sealed class NoChain : ForwardingChain
    {
        public NoChain()
            : base(null!)
        {
        }
    }
}
