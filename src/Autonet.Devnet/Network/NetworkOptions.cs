using Autonet.Devnet.Faults;
using Autonet.Models.Jepa;

namespace Autonet.Devnet.Network;

/// <summary>What `autonet network run` sets up: node counts, rounds, attack, aggregation rule, training size.</summary>
public sealed record NetworkOptions
{
    public int Proposers { get; init; } = 1;
    public int Solvers { get; init; } = 3;
    public int Coordinators { get; init; } = 2;
    public int Aggregators { get; init; } = 1;
    public int Rounds { get; init; } = 3;
    public int Byzantine { get; init; }
    public SolverAttack Attack { get; init; } = SolverAttack.SignFlip;
    public string Aggregation { get; init; } = "fedavg";

    /// <summary>How the (first) proposer griefs; null for an honest proposer.</summary>
    public ProposerFault? ProposerFault { get; init; }

    /// <summary>How the first aggregator misbehaves (`--aggregator-attack`); null for an honest one.</summary>
    public AggregatorFault? AggregatorFault { get; init; }

    /// <summary>Each solver's bond per task (ATN).</summary>
    public int SolverBondAtn { get; init; } = 1;

    /// <summary>How many samples of its private held-out pool the proposer draws its validation sets from (a fresh sample each task).</summary>
    public int ValidationPool { get; init; } = 1000;

    /// <summary>How many coordinators are lazy: they vote the full score for every solution (first N coordinators).</summary>
    public int LazyCoordinators { get; init; }

    /// <summary>
    /// Plant a forced error every round: a planter node commits a known-bad delta as an ordinary solver and the
    /// deployer (the registry's planter) reveals it after the votes, so ForcedErrorRegistry judges every coordinator.
    /// </summary>
    public bool ForcedErrors { get; init; } = true;

    /// <summary>Run each node step as a separate OS process (`autonet node step`) instead of in this process.</summary>
    public bool Processes { get; init; }

    /// <summary>Run every node as a long-running daemon (`autonet node run`) that acts on the chain by itself.</summary>
    public bool Daemons { get; init; }

    /// <summary>
    /// With <see cref="Daemons"/>: storage providers, each an `autonet provider serve` process announced on chain; the
    /// aggregator erasure-codes every published model (the project's k + m) across them. 0: models stay on the run's
    /// gateway; null: 3 with daemons, none in lockstep (<see cref="ProviderCount"/>).
    /// </summary>
    public int? Providers { get; init; }

    /// <summary>How many storage providers the run starts.</summary>
    public int ProviderCount => Providers ?? (Daemons ? 3 : 0);

    /// <summary>
    /// With <see cref="Daemons"/>: every part on a separate host (a Linux network namespace, scripts/netns.sh): the chain,
    /// each provider and each node daemon, talking across a bridge by address. Needs root and `ip`.
    /// </summary>
    public bool Hosts { get; init; }

    /// <summary>With <see cref="Hosts"/>: the hosts' name prefix (namespaces PREFIX-HOST; at most 6 characters: interface names are at most 15).</summary>
    public string HostPrefix { get; init; } = "anet";

    /// <summary>With <see cref="Hosts"/>: the first three octets of the hosts' /24 (chain NET.1, providers next, this machine NET.254).</summary>
    public string HostNetwork { get; init; } = "10.76.1";

    /// <summary>With <see cref="Daemons"/>: seconds of each task's commit window (the solvers train inside it).</summary>
    public int CommitWindowSeconds { get; init; } = 20;

    /// <summary>With <see cref="Daemons"/>: seconds of every other window (reveal, verify, vote reveal, a model's challenge and its votes).</summary>
    public int WindowSeconds { get; init; } = 4;

    /// <summary>The command that starts the `autonet` program for node processes (e.g. its path, or dotnet and autonet.dll).</summary>
    public IReadOnlyList<string> NodeCommand { get; init; } = [];

    /// <summary>An existing chain's JSON-RPC endpoint; null starts a local anvil.</summary>
    public Uri? Rpc { get; init; }

    /// <summary>A funded key on <see cref="Rpc"/> that deploys and funds the nodes (hex); required with Rpc.</summary>
    public string? AdminKey { get; init; }

    /// <summary>Where the run's folder (nodes, blobs, report) is created.</summary>
    public required string Home { get; init; }

    public int TrainSteps { get; init; } = 300;
    public int Batch { get; init; } = 32;
    public float LearningRate { get; init; } = 1e-3f;
    public int TrainImages { get; init; } = 6000;
    public int ValidationImages { get; init; } = 64;
    public int ProbeTrain { get; init; } = 2000;
    public int ProbeTest { get; init; } = 1000;

    /// <summary>The image probe's pooling: 1 = one mean over all patches, N = mean of each of N x N grid blocks (N^2 x width features).</summary>
    public int ProbeRegions { get; init; } = DefaultProbeRegions;

    /// <summary>Default of <see cref="ProbeRegions"/>.</summary>
    public const int DefaultProbeRegions = 1;
    public double DirichletAlpha { get; init; } = 0.5;
    public double MaxDeltaNorm { get; init; } = 100;
    public ulong Seed { get; init; } = 42;

    /// <summary>
    /// Image (Fashion-MNIST, probe accuracy), text (conversation windows of <see cref="TextDirectory"/>, held-out cosine) or
    /// multimodal (image-text pairs of <see cref="PairsDirectory"/>, held-out cosine in the shared embedding space).
    /// </summary>
    public Modality Modality { get; init; } = Modality.Image;

    /// <summary>What the run measures the global model by: probe accuracy (image) or held-out cosine (text).</summary>
    public string MetricName => Modality == Modality.Image ? "probe accuracy" : "held-out cosine";

    /// <summary>A multimodal run's pair folder (pairs.jsonl and its screenshots; `autonet data pairs` makes one).</summary>
    public string? PairsDirectory { get; init; }

    /// <summary>A text run's folder of agent-conversation JSONL (naming it is the consent to train on it).</summary>
    public string? TextDirectory { get; init; }

    /// <summary>The model's architecture (genesis model; Autonet.Models); null takes <see cref="DefaultModel"/> of the modality.</summary>
    public JepaConfig? Model { get; init; }

    /// <summary>The architecture the run uses.</summary>
    public JepaConfig EffectiveModel => Model ?? DefaultModel(Modality);

    /// <summary>
    /// Small for a 2-core CPU (width 32, depth 2, MLP 2, predictor 16 x 1; text windows of 64 tokens), with the
    /// VICReg terms `autonet train` uses, which kept the encoder from collapsing there.
    /// </summary>
    public static JepaConfig DefaultModel(Modality modality) => new()
    {
        Modality = modality,
        MaxTokens = 64,
        Width = 32,
        Depth = 2,
        Heads = 2,
        PredictorWidth = 16,
        PredictorDepth = 1,
        PredictorHeads = 2,
        MlpRatio = 2,
        VarianceWeight = 1,
        CovarianceWeight = 0.04f,
        ImageSize = modality == Modality.Multimodal ? 32 : 28, // pairs are screenshots resized to 32 x 32 in 8 x 8 patches
        PatchSize = modality == Modality.Multimodal ? 8 : 4,
        AlignmentWeight = modality == Modality.Multimodal ? 1 : 0,
    };

    /// <summary>
    /// <see cref="DefaultModel"/> with another encoder width (heads = max(2, width / 16)), depth, invariance weight
    /// (an image model's two augmented views per image) or convolutional stem (channels of two 3x3 conv + ReLU layers;
    /// 0 = none); null when all are left out (the default model).
    /// </summary>
    public static JepaConfig? ModelOf(Modality modality, int? width, int? depth, float? invariance = null, int? stemChannels = null)
    {
        if (width is null && depth is null && invariance is null && stemChannels is null)
        {
            return null;
        }
        var model = DefaultModel(modality);
        var w = width ?? model.Width;
        var stem = stemChannels ?? model.StemChannels;
        return model with
        {
            Width = w,
            Heads = w == model.Width ? model.Heads : Math.Max(2, w / 16),
            Depth = depth ?? model.Depth,
            InvarianceWeight = invariance ?? model.InvarianceWeight,
            StemChannels = stem,
            StemLayers = stem > 0 ? Math.Max(model.StemLayers, 2) : 0,
        };
    }

    /// <summary>Seeds the genesis model's initialization.</summary>
    public int ModelSeed { get; init; } = 7;

    /// <summary>
    /// Per-solver misbehaviour for scenarios, in solver order, overriding --byzantine/--attack (an attack or a
    /// fault each; null for an honest solver).
    /// </summary>
    public IReadOnlyList<SolverMisbehaviour?> SolverFaults { get; init; } = [];

    /// <summary>How the first coordinator misbehaves (`--coordinator-attack`); null: honest. Not with --lazy-coordinators.</summary>
    public CoordinatorFault? CoordinatorAttack { get; init; }

    /// <summary>How the forced-error planter misbehaves (`--planter-attack`); null: honest.</summary>
    public PlanterAttack? PlanterAttack { get; init; }

    /// <summary>
    /// `--unstake-before-settle`: once its vote is revealed (and its stake's lock has run out), the first coordinator
    /// tries to withdraw its whole stake before the forced error is revealed and the task settles, and again after.
    /// </summary>
    public bool UnstakeBeforeSettle { get; init; }

    /// <summary>Each honest coordinator's stake (ATN); a sybil-fill Sybil stakes the minimum (500 ATN).</summary>
    public int CoordinatorStakeAtn { get; init; } = 1000;

    /// <summary>The Coordinator minimum stake (ParticipantStaking.minimumStake), what each Sybil of sybil-fill stakes.</summary>
    public const int MinimumCoordinatorStakeAtn = 500;

    /// <summary>Per-coordinator faults for scenarios, overriding --lazy-coordinators and --coordinator-attack; null for an honest one.</summary>
    public IReadOnlyList<CoordinatorFault?> CoordinatorFaults { get; init; } = [];

    /// <summary>The misbehaviour of solver <paramref name="index"/> (0-based); null when honest.</summary>
    public SolverMisbehaviour? FaultOf(int index) =>
        SolverFaults.Count > 0 ? (index < SolverFaults.Count ? SolverFaults[index] : null) : index < Byzantine ? SolverMisbehaviour.FromSolverAttack(Attack) : null;

    /// <summary>The fault of coordinator <paramref name="index"/> (0-based); null when honest.</summary>
    /// <remarks>
    /// `--coordinator-attack` is the first coordinator's, except sybil-fill (every coordinator but the last is a Sybil)
    /// and copy-votes (the last: the runner steps coordinators in order, so the others have revealed when it reveals).
    /// </remarks>
    public CoordinatorFault? CoordinatorFaultOf(int index) =>
        CoordinatorFaults.Count > 0 ? (index < CoordinatorFaults.Count ? CoordinatorFaults[index] : null)
        : CoordinatorAttack is CoordinatorFault.SybilFill ? (index < Coordinators - 1 ? CoordinatorFault.SybilFill : null)
        : CoordinatorAttack is CoordinatorFault.CopyVotes ? (index == Coordinators - 1 ? CoordinatorFault.CopyVotes : null)
        : index == 0 && CoordinatorAttack is { } attack ? attack
        : index < LazyCoordinators ? CoordinatorFault.Lazy : null;

    /// <summary>The stake of coordinator <paramref name="index"/> (ATN): the minimum for a Sybil, else <see cref="CoordinatorStakeAtn"/>.</summary>
    public int CoordinatorStakeOf(int index) => CoordinatorFaultOf(index) == CoordinatorFault.SybilFill ? MinimumCoordinatorStakeAtn : CoordinatorStakeAtn;

    /// <summary>Checks counts and names before anything starts.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok)
            {
                throw new ArgumentException(message);
            }
        }
        Require(Proposers >= 1, $"--proposers {Proposers}: at least 1");
        Require(Solvers is >= 1 and <= 32, $"--solvers {Solvers}: 1..32 (TaskContract.MAX_SOLVERS)");
        Require(Coordinators is >= 1 and <= 16, $"--coordinators {Coordinators}: 1..16 (the devnet's limit: ResultsRewards draws a committee of about 16 seats)");
        Require(Aggregators >= 1, $"--aggregators {Aggregators}: at least 1");
        Require(Rounds >= 1, $"--rounds {Rounds}: at least 1");
        Require(CoordinatorAttack is null || LazyCoordinators == 0, $"--coordinator-attack {(CoordinatorAttack is { } a ? KebabNames.Of(a) : "")} and --lazy-coordinators {LazyCoordinators}: choose one (the attack is the first coordinator's)");
        Require(CoordinatorAttack is not (CoordinatorFault.SybilFill or CoordinatorFault.CopyVotes) || Coordinators >= 2, $"--coordinator-attack {(CoordinatorAttack is { } b ? KebabNames.Of(b) : "")} needs --coordinators 2 or more (an honest coordinator beside the attacker), not {Coordinators}");
        Require(CoordinatorStakeAtn >= MinimumCoordinatorStakeAtn, $"--coordinator-stake {CoordinatorStakeAtn}: at least {MinimumCoordinatorStakeAtn} ATN (ParticipantStaking's Coordinator minimum)");
        Require(PlanterAttack is null || ForcedErrors, $"--planter-attack {(PlanterAttack is { } p ? KebabNames.Of(p) : "")} needs forced errors (drop --no-forced-errors)");
        Require(!UnstakeBeforeSettle || !Daemons, "--unstake-before-settle sends with the first coordinator's key between its reveal and the settlement, which a daemon of its own owns; run it without --daemons");
        Require(LazyCoordinators >= 0 && LazyCoordinators <= Coordinators, $"--lazy-coordinators {LazyCoordinators}: 0..{Coordinators} (the number of coordinators)");
        Require(Solvers + (ForcedErrors ? 1 : 0) <= 32, $"--solvers {Solvers} plus the forced-error planter: at most 32 (TaskContract.MAX_SOLVERS); use --no-forced-errors for 32 solvers");
        Require(Byzantine >= 0 && Byzantine <= Solvers, $"--byzantine {Byzantine}: 0..{Solvers} (the number of solvers)");
        Require(Rpc is null || AdminKey is not null, "--rpc needs --admin-key (a funded key that deploys and funds the nodes)");
        Require(TrainSteps >= 1 && Batch >= 1 && ProbeTrain >= 10 && ProbeTest >= 10, "training sizes must be positive (probe subsets at least 10)");
        Require(Modality != Modality.Image || (ProbeRegions >= 1 && ProbeRegions <= EffectiveModel.GridSize), $"--probe-regions {ProbeRegions}: 1..{EffectiveModel.GridSize} (the patch grid's side)");
        Require(ValidationImages >= Training.Rounds.ValidationSet.MinCount, $"--validation-images {ValidationImages}: at least {Training.Rounds.ValidationSet.MinCount} (a smaller set is refused as bad ground truth)");
        Require(ValidationPool >= ValidationImages, $"validation pool {ValidationPool}: at least --validation-images ({ValidationImages})");
        Require(SolverBondAtn >= 1, $"solver bond {SolverBondAtn} ATN: at least 1 (TaskContract.MIN_SOLVER_BOND)");
        Require(Enum.IsDefined(Modality), $"--modality {Modality}: {KebabNames.Choices<Modality>()}");
        Require(Modality != Modality.Text || !string.IsNullOrWhiteSpace(TextDirectory), "--modality text needs --text-dir, a folder of conversation *.jsonl (python3 scripts/make-text-corpus.py makes one)");
        Require(Modality != Modality.Multimodal || !string.IsNullOrWhiteSpace(PairsDirectory), "--modality multimodal needs --pairs, a folder with pairs.jsonl and its images (`autonet data pairs` makes one)");
        Require(EffectiveModel.Modality == Modality, $"the model config is for {EffectiveModel.Modality}, the run for {KebabNames.Of(Modality)}");
        Require(float.IsFinite(LearningRate) && LearningRate > 0 && LearningRate < 1, $"--lr {LearningRate}: a learning rate in (0, 1)");
        Require(TrainImages >= Solvers * 10, $"--train-images {TrainImages}: at least 10 per solver");
        Require(Modality != Modality.Image || TrainImages + ProbeTrain <= 60_000, $"--train-images {TrainImages}: at most {60_000 - ProbeTrain} (Fashion-MNIST has 60,000 training images and the probe takes the {ProbeTrain} after them)");
        Require(!(Processes || Daemons) || NodeCommand.Count > 0, "--processes and --daemons need the command that starts `autonet` (NodeCommand)");
        Require(!(Processes && Daemons), "--processes and --daemons exclude each other: one step per process, or one daemon per node");
        Require(Processes || Daemons || !SolverFaults.Any(f => f?.Fault == SolverFault.CrashAfterCommit), "the crash-after-commit fault kills its node's process, so it needs --processes or --daemons");
        Require(!Daemons || (CommitWindowSeconds >= 2 && WindowSeconds >= 2), $"--commit-window {CommitWindowSeconds} / --window {WindowSeconds}: at least 2 s each (TaskContract.MIN_WINDOW)");
        Require(!Daemons || ProposerFault is not (Faults.ProposerFault.NanValidation or Faults.ProposerFault.WrongShapeValidation),
            $"--proposer-fault {(ProposerFault is { } pf ? KebabNames.Of(pf) : "")} hands the proposer a bad set, which only the lockstep run does; a proposer daemon draws its own (leave out --daemons)");
        Require(ProviderCount is >= 0 and <= 32, $"--providers {Providers}: 0..32");
        Require(ProviderCount == 0 || Daemons, $"--providers {Providers} starts `autonet provider serve` processes, which only --daemons runs use (add --daemons, or --providers 0)");
        Require(!Hosts || Daemons, "--hosts puts every node daemon on a host of its own: it needs --daemons");
        Require(!Hosts || Rpc is null, "--hosts starts its own anvil on the chain host; leave out --rpc");
        Require(!Hosts || global::System.Text.RegularExpressions.Regex.IsMatch(HostPrefix, "^[a-z][a-z0-9]{0,5}$"), $"host prefix '{HostPrefix}': 1..6 lower-case letters and digits, a letter first (interface names are at most 15 characters)");
        Require(!Hosts || global::System.Text.RegularExpressions.Regex.IsMatch(HostNetwork, @"^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){2}$"), $"host network '{HostNetwork}': three octets such as 10.76.1");
        Require(SolverFaults.All(f => f is null || (f.Attack is null) != (f.Fault is null)), "each solver fault is one attack or one fault (null for an honest solver)");
        _ = Protocol.Aggregation.AggregationRuleNames.Parse(Aggregation);
        try
        {
            EffectiveModel.Validate();
        }
        catch (ArgumentException e) // the config's rule names the field; say which flags set it
        {
            throw new ArgumentException($"--width {EffectiveModel.Width} / --depth {EffectiveModel.Depth}: {e.Message}", e);
        }
    }
}
