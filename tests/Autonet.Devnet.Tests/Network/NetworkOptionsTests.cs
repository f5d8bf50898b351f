using Autonet.Devnet.Faults;
using Autonet.Devnet.Network;
using Autonet.Models.Jepa;

namespace Autonet.Devnet.Tests.Network;

/// <summary>Bad options are refused before anything starts, naming the option, its value and the rule.</summary>
public class NetworkOptionsTests
{
    private static NetworkOptions Defaults => new() { Home = "/tmp/unused" };

    [Theory]
    [InlineData(3, "--lazy-coordinators 3: 0..2")]
    [InlineData(-1, "--lazy-coordinators -1: 0..2")]
    public void Validate_LazyCoordinatorsOutOfRange_Throws(int lazy, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { LazyCoordinators = lazy }).Validate());
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CoordinatorFault.SybilFill)]
    [InlineData(CoordinatorFault.CopyVotes)]
    public void Validate_SybilFillOrCopyVotesWithOneCoordinator_ThrowsNamingBoth(CoordinatorFault attack)
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { Coordinators = 1, CoordinatorAttack = attack }).Validate());
        Assert.StartsWith($"--coordinator-attack {KebabNames.Of(attack)} needs --coordinators 2 or more", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void Validate_ProbeRegionsOutsideThePatchGrid_ThrowsNamingTheRange(int regions)
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { ProbeRegions = regions }).Validate());
        Assert.StartsWith($"--probe-regions {regions}: 1..7 (the patch grid's side)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ProbeRegionsOfTheWholeGrid_IsAccepted() => (Defaults with { ProbeRegions = 7 }).Validate();

    [Fact]
    public void Validate_CoordinatorStakeBelowMinimum_ThrowsNamingTheMinimum()
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { CoordinatorStakeAtn = 499 }).Validate());
        Assert.StartsWith("--coordinator-stake 499: at least 500 ATN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FrameWithoutForcedErrors_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { PlanterAttack = PlanterAttack.Frame, ForcedErrors = false }).Validate());
        Assert.StartsWith("--planter-attack frame needs forced errors", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CoordinatorFaultOf_SybilFillAndCopyVotes_PlaceTheAttackers()
    {
        var sybils = Defaults with { Coordinators = 4, CoordinatorAttack = CoordinatorFault.SybilFill, CoordinatorStakeAtn = 2000 };
        Assert.Equal([CoordinatorFault.SybilFill, CoordinatorFault.SybilFill, CoordinatorFault.SybilFill, null], Enumerable.Range(0, 4).Select(sybils.CoordinatorFaultOf));
        Assert.Equal([500, 500, 500, 2000], Enumerable.Range(0, 4).Select(sybils.CoordinatorStakeOf));
        var copier = Defaults with { Coordinators = 3, CoordinatorAttack = CoordinatorFault.CopyVotes };
        Assert.Equal([null, null, CoordinatorFault.CopyVotes], Enumerable.Range(0, 3).Select(copier.CoordinatorFaultOf));
        var flat = Defaults with { Coordinators = 3, CoordinatorAttack = CoordinatorFault.FlatVote };
        Assert.Equal([CoordinatorFault.FlatVote, null, null], Enumerable.Range(0, 3).Select(flat.CoordinatorFaultOf));
    }

    [Fact]
    public void ModelOf_NeitherGiven_IsTheDefaultModel() => Assert.Null(NetworkOptions.ModelOf(Modality.Image, null, null));

    [Fact]
    public void ModelOf_InvarianceOnly_SetsItAndKeepsTheDefaultArchitecture()
    {
        var model = NetworkOptions.ModelOf(Modality.Image, null, null, 0.1f)!; // an invariance weight was given
        Assert.Equal(NetworkOptions.DefaultModel(Modality.Image) with { InvarianceWeight = 0.1f }, model);
    }

    [Fact]
    public void ModelOf_StemChannels_AddsATwoLayerStemAndZeroRemovesIt()
    {
        var stem = NetworkOptions.ModelOf(Modality.Image, null, null, stemChannels: 8)!;
        Assert.Equal((8, 2), (stem.StemChannels, stem.StemLayers));
        var none = NetworkOptions.ModelOf(Modality.Image, null, null, stemChannels: 0)!;
        Assert.Equal((0, 0), (none.StemChannels, none.StemLayers));
        Assert.Equal(NetworkOptions.DefaultModel(Modality.Image).Width, none.Width);
    }

    [Fact]
    public void ModelOf_Width64_SetsHeadsAndKeepsTheRest()
    {
        var model = NetworkOptions.ModelOf(Modality.Image, 64, null)!; // a width was given
        Assert.Equal((64, 4, 2), (model.Width, model.Heads, model.Depth));
        Assert.Equal(NetworkOptions.DefaultModel(Modality.Image).VarianceWeight, model.VarianceWeight);
    }

    [Fact]
    public void Validate_WidthNotDivisibleByFour_ThrowsNamingWidth()
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { Model = NetworkOptions.ModelOf(Modality.Image, 6, null) }).Validate());
        Assert.StartsWith("--width 6 / --depth 2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SolversBeyondContractLimit_ThrowsNamingMaxSolvers()
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { Solvers = 32 }).Validate());
        Assert.Contains("plus the forced-error planter: at most 32 (TaskContract.MAX_SOLVERS)", error.Message, StringComparison.Ordinal);
        (Defaults with { Solvers = 32, ForcedErrors = false }).Validate();
    }

    [Fact]
    public void Validate_CrashFaultInProcess_ThrowsNamingProcesses()
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { SolverFaults = [null, SolverFault.CrashAfterCommit] }).Validate());
        Assert.Contains("needs --processes or --daemons", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Validate_NodeProcessesWithoutNodeCommand_Throws(bool processes, bool daemons)
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { Processes = processes, Daemons = daemons }).Validate());
        Assert.Contains("--processes and --daemons need the command", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 4, "--commit-window 1 / --window 4: at least 2 s each (TaskContract.MIN_WINDOW)")]
    [InlineData(20, 0, "--commit-window 20 / --window 0: at least 2 s each (TaskContract.MIN_WINDOW)")]
    public void Validate_DaemonWindowsBelowContractMinimum_ThrowsNamingBoth(int commit, int window, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { Daemons = true, NodeCommand = ["autonet"], CommitWindowSeconds = commit, WindowSeconds = window }).Validate());
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Validate_BadValidationSetWithDaemons_ThrowsSayingOnlyLockstepHandsItOver()
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { Daemons = true, NodeCommand = ["autonet"], ProposerFault = ProposerFault.NanValidation }).Validate());
        Assert.StartsWith("--proposer-fault nan-validation hands the proposer a bad set", error.Message, StringComparison.Ordinal);
        (Defaults with { Daemons = true, NodeCommand = ["autonet"], ProposerFault = ProposerFault.NeverReveal }).Validate(); // a daemon can withhold by itself
    }

    [Fact]
    public void Validate_ProcessesAndDaemons_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { Processes = true, Daemons = true, NodeCommand = ["autonet"] }).Validate());
        Assert.StartsWith("--processes and --daemons exclude each other", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AttackAndFaultForOneSolver_ThrowsNamingTheRule()
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { SolverFaults = [new SolverMisbehaviour(SolverAttack.Nan, SolverFault.Copy)] }).Validate());
        Assert.StartsWith("each solver fault is one attack or one fault", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FaultOf_ByzantineCount_GivesTheFirstSolversTheAttack()
    {
        var options = Defaults with { Byzantine = 2, Attack = SolverAttack.Noise };
        Assert.Equal(new SolverMisbehaviour?[] { SolverAttack.Noise, SolverAttack.Noise, null }, Enumerable.Range(0, 3).Select(options.FaultOf).ToArray());
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(float.NaN)]
    [InlineData(2f)]
    public void Validate_BadLearningRate_ThrowsNamingLr(float lr)
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { LearningRate = lr }).Validate());
        Assert.Contains("a learning rate in (0, 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TextWithoutTextDir_ThrowsNamingOption()
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { Modality = Modality.Text }).Validate());
        Assert.StartsWith("--modality text needs --text-dir", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ImageModelForTextRun_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { Modality = Modality.Text, TextDirectory = "/tmp", Model = NetworkOptions.DefaultModel(Modality.Image) }).Validate());
        Assert.Equal("the model config is for Image, the run for text", error.Message);
    }

    [Fact]
    public void CoordinatorFaultOf_LazyCount_MarksTheFirstCoordinators()
    {
        var options = Defaults with { Coordinators = 3, LazyCoordinators = 2 };
        Assert.Equal(new CoordinatorFault?[] { CoordinatorFault.Lazy, CoordinatorFault.Lazy, null }, Enumerable.Range(0, 3).Select(options.CoordinatorFaultOf).ToArray());
    }

    [Fact]
    public void Validate_HostsWithoutDaemons_ThrowsNamingDaemons()
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { Hosts = true }).Validate());
        Assert.StartsWith("--hosts puts every node daemon on a host of its own: it needs --daemons", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HostsWithRpc_ThrowsNamingRpc()
    {
        var error = Assert.Throws<ArgumentException>(() => (Daemons with { Hosts = true, Rpc = new Uri("http://10.0.0.1:8545"), AdminKey = "0x01" }).Validate());
        Assert.StartsWith("--hosts starts its own anvil on the chain host; leave out --rpc", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("an-et", "host prefix 'an-et': 1..6 lower-case letters")]
    [InlineData("toolong", "host prefix 'toolong': 1..6 lower-case letters")]
    [InlineData("9net", "host prefix '9net': 1..6 lower-case letters")]
    public void Validate_BadHostPrefix_ThrowsNamingIt(string prefix, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => (Daemons with { Hosts = true, HostPrefix = prefix }).Validate());
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.76")]
    [InlineData("10.76.1.0")]
    [InlineData("10.256.1")]
    public void Validate_BadHostNetwork_ThrowsNamingIt(string network)
    {
        var error = Assert.Throws<ArgumentException>(() => (Daemons with { Hosts = true, HostNetwork = network }).Validate());
        Assert.StartsWith($"host network '{network}': three octets such as 10.76.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ProvidersWithoutDaemons_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => (Defaults with { Providers = 2 }).Validate());
        Assert.StartsWith("--providers 2 starts `autonet provider serve` processes, which only --daemons runs use", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, null, 0)]
    [InlineData(true, null, 3)]
    [InlineData(true, 0, 0)]
    [InlineData(true, 5, 5)]
    public void ProviderCount_ByModeAndOption_ThreeWithDaemonsByDefault(bool daemons, int? providers, int expected)
    {
        var options = (daemons ? Daemons : Defaults) with { Providers = providers };
        options.Validate();
        Assert.Equal(expected, options.ProviderCount);
    }

    [Fact]
    public void HostNames_DefaultDaemonRun_ChainFirstThenProvidersThenEveryNode()
    {
        Assert.Equal(
            ["chain", "provider-1", "provider-2", "provider-3", "proposer-1", "solver-1", "solver-2", "solver-3", "coordinator-1", "coordinator-2", "aggregator-1", "planter-1", "planter-2", "planter-3"],
            NetworkHostNames.All(Daemons));
    }

    private static NetworkOptions Daemons => Defaults with { Daemons = true, NodeCommand = ["autonet"] };
}
