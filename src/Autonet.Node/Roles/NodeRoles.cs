// Builds a node's role from its settings (NodeConfig, from config.yaml), the same way in the `network run` process and in a node process of its
// own (`autonet node step`): the protocol's state machine over this node's chain view, blob gateway, model store,
// SQLite state and the model ports (JepaCodec, JepaDeltaTrainer, JepaDeltaScorer), with whatever the host's decorator wraps around those honest parts (a devnet's faults; nothing for an
// honest node). Each step returns a typed NodeOutcome.
using Autonet.Core.Ids;
using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.State;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Roles;
using Autonet.Training.Rounds;
using BatchSource = Autonet.Training.Jepa.BatchSource;
using ImageBatchSource = Autonet.Training.Jepa.ImageBatchSource;
using TextBatchSource = Autonet.Training.Jepa.TextBatchSource;

namespace Autonet.Node.Roles;

/// <summary>The step function of a node's role.</summary>
public static class NodeRoles
{
    /// <summary>A solver's share of the run's data as a batch source factory (images, text windows or image-text pairs by its config).</summary>
    /// <exception cref="FormatException">An index of the share is past the loaded data (the message names data.share_file).</exception>
    public static Func<JepaConfig, BatchSource>? LocalData(NodeConfig config, ImageDataset? images, TextCorpus? corpus, IReadOnlyList<Data.Pairs.ImageTextPair>? pairs = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!NeedsTrainingData(config))
        {
            return null;
        }
        if (config.Modality == Modality.Multimodal)
        {
            var own = Share(config, pairs!.Count).Select(i => pairs[i]).ToList(); // a multimodal solver is given the train pairs
            return model => Training.Jepa.PairBatchSource.From(own, model);
        }
        if (config.Modality == Modality.Text)
        {
            var windows = Share(config, corpus!.Train.Count).Select(i => corpus.Train[i]).ToList(); // a text solver is given the corpus
            return model => new TextBatchSource(windows, model);
        }
        var share = images!.Subset(Share(config, images.Count)); // an image solver is given the images
        return model => new ImageBatchSource(share, model);
    }

    /// <summary>
    /// Loads what <see cref="LocalData"/> needs in a node process: its images (data.train_images), its text corpus
    /// (data.text_directory, read only when it is a public corpus or <paramref name="userData"/> consents) or its pairs.
    /// </summary>
    /// <exception cref="Data.Consent.ConsentRequiredException">the text folder is the user's data and consent is off</exception>
    /// <exception cref="FormatException">a text or multimodal node has no folder set</exception>
    public static Func<JepaConfig, BatchSource>? LoadLocalData(NodeConfig config, Data.Text.TextDataConfig userData)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!NeedsTrainingData(config))
        {
            return null;
        }
        if (config.Modality == Modality.Multimodal)
        {
            // A folder of public pairs (Debian texts on a screen), not the user's agent data: like Fashion-MNIST, no consent gate.
            var (pairs, _) = Data.Pairs.PairFolder.Read(config.PairsDirectory ?? throw Unset("data.pairs_directory", "multimodal"), config.ImageSize);
            return LocalData(config, null, null, [.. pairs.Where(p => !p.HeldOut)]);
        }
        return config.Modality == Modality.Text
            ? LocalData(config, null, TextCorpus.Load(Data.Consent.CorpusFolder.Named(config.TextDirectory ?? throw Unset("data.text_directory", "text"), userData, "data.text_directory"), config.MaxTokens))
            : LocalData(config, FashionMnist.Load(FashionMnistSplit.Train, maxCount: config.TrainImages), null);
    }

    private static FormatException Unset(string key, string modality) =>
        new($"{key} is empty; rule: a {modality} solver (data.modality = {modality}) trains on that folder: `autonet config set {key} DIR`");

    // The solver's share (data.share_file), each index checked against what it loaded; none: all of it.
    private static int[] Share(NodeConfig config, int count)
    {
        if (config.LocalIndices is not { } share)
        {
            return [.. Enumerable.Range(0, count)];
        }
        if (share.FirstOrDefault(i => i >= count, -1) is var bad and >= 0)
        {
            throw new FormatException($"data.share_file: index {bad} is past the {count} samples loaded; rule: each index must be below the loaded count (data.train_images, or the folder's size)");
        }
        return [.. share];
    }

    /// <summary>
    /// The role's step on one task: does what is due and returns what it did. <paramref name="decorator"/> wraps the
    /// role's chain view, trainer, codec and scorer (null: the honest parts as they are).
    /// </summary>
    /// <exception cref="ArgumentException">The role is not one this node knows.</exception>
    public static Func<ulong, CancellationToken, Task<NodeOutcome>> Create(
        NodeConfig config, IChain chain, IBlobStore blobs, IModelStore models, NodeDatabase database, ChainClock clock, Func<JepaConfig, BatchSource>? localData,
        RoleDecorator? decorator = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        chain = decorator?.Chain?.Invoke(chain) ?? chain;
        IModelCodec codec = new JepaCodec();
        var ownCodec = decorator?.Codec?.Invoke(codec) ?? codec; // what this node writes with: a solver's deltas, an aggregator's models
        IDeltaTrainer trainer = new JepaDeltaTrainer(localData, config.Seed);
        trainer = decorator?.Trainer?.Invoke(trainer, chain, blobs) ?? trainer;
        var role = config.Role;
        switch (role)
        {
            case NodeRole.Proposer:
                var proposer = Proposer(chain, blobs, database, clock);
                return async (id, ct) => new NodeOutcome
                {
                    Role = role,
                    TaskId = id,
                    State = (await proposer.StepAsync(id, ct).ConfigureAwait(false)).Revealed ? OutcomeState.GroundTruthRevealed : OutcomeState.Waiting,
                };
            case NodeRole.Solver:
                var held = new BlobStoreAdapter(new Autonet.Storage.Blobs.DiskBlobStore(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database.Path))!, "held")));
                var solver = new SolverRole(chain, blobs, held, ownCodec, trainer, new SqliteStateStore<SolverTaskState>(database), clock, NewSalt);
                return async (id, ct) => await solver.StepAsync(id, ct).ConfigureAwait(false) is { } s
                    ? new NodeOutcome { Role = role, TaskId = id, State = StateOf(s.Phase), Reason = s.Reason }
                    : new NodeOutcome { Role = role, TaskId = id, State = OutcomeState.NotJoined };
            case NodeRole.Coordinator:
                IDeltaScorer scorer = new JepaDeltaScorer();
                var coordinator = new CoordinatorRole(chain, blobs, codec, decorator?.Scorer?.Invoke(scorer) ?? scorer,
                    new SqliteStateStore<CoordinatorTaskState>(database), clock, config.MaxDeltaNorm);
                return async (id, ct) =>
                {
                    var state = await coordinator.StepAsync(id, ct).ConfigureAwait(false);
                    var scored = state.Verdicts.Count;
                    return state.Submitted || state.NotDrawn
                        ? new NodeOutcome { Role = role, TaskId = id, State = OutcomeState.Voted, Votes = state.Submitted ? scored : 0, Reason = state.NotDrawn ? "not drawn into the committee: vote not revealed, hold released after settlement" : null }
                        : state.Committed
                        ? new NodeOutcome { Role = role, TaskId = id, State = OutcomeState.Committed, Votes = scored, Reason = "vote committed; revealed after the verify deadline once the committee is drawn" }
                        : new NodeOutcome { Role = role, TaskId = id, State = OutcomeState.Waiting, Votes = 0, Reason = $"{scored} judged; waiting for the verify window (after the reveal deadline)" };
                };
            case NodeRole.Aggregator:
                var aggregator = new AggregatorRole(chain, blobs, ownCodec, models, new SqliteStateStore<AggregatorTaskState>(database), config.Aggregation);
                return async (id, ct) => await aggregator.StepAsync(id, ct).ConfigureAwait(false) is { } a
                    ? new NodeOutcome { Role = role, TaskId = id, State = OutcomeState.Published, Model = a.Model, Reason = await PublishCardAsync(chain, blobs, id, a, config, ct).ConfigureAwait(false) }
                    : new NodeOutcome { Role = role, TaskId = id, State = OutcomeState.Waiting, Reason = "not finalized, or no solution improved the model (nothing to publish)" };
            default:
                throw new ArgumentException($"node {config.Name}: role {role} is not proposer, solver, coordinator or aggregator", nameof(config));
        }
    }

    /// <summary>
    /// The watcher of published models with this node's key (a coordinator's: it challenges a model it rebuilds
    /// differently and votes on others' challenges; any other node only challenges and settles).
    /// </summary>
    public static ChallengerRole Challenger(
        NodeConfig config, IChain chain, IModelChallengeChain challenges, IBlobStore blobs, IModelStore models, NodeDatabase database, ChainClock clock)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ChallengerRole(chain, challenges, blobs, new JepaCodec(), models, new SqliteStateStore<ChallengerTaskState>(database), clock,
            config.Aggregation, votes: config.Role == NodeRole.Coordinator);
    }

    /// <summary>The proposer's state machine (the run also uses it to post tasks).</summary>
    public static ProposerRole Proposer(IChain chain, IBlobStore blobs, NodeDatabase database, ChainClock clock) =>
        new(chain, blobs, new SqliteStateStore<ProposerTaskState>(database), clock, NewSalt);

    // Only a solver trains, so only it loads training data.
    private static bool NeedsTrainingData(NodeConfig config) => config.Role == NodeRole.Solver;

    private static OutcomeState StateOf(SolverPhase phase) => phase switch
    {
        SolverPhase.Waiting => OutcomeState.Waiting,
        SolverPhase.Committing => OutcomeState.Committing,
        SolverPhase.Committed => OutcomeState.Committed,
        SolverPhase.Revealed => OutcomeState.Revealed,
        SolverPhase.Missed => OutcomeState.Missed,
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "a solver phase this node does not know"),
    };

    // The round's model card beside the published weights (Cards/); the round comes from the chain when it is the contract chain.
    private static async Task<string?> PublishCardAsync(IChain chain, IBlobStore blobs, ulong taskId, AggregatorTaskState state, NodeConfig config, CancellationToken cancellationToken)
    {
        if (!state.Published || await chain.ReadTaskAsync(taskId, cancellationToken).ConfigureAwait(false) is not { } task)
        {
            return null;
        }
        var round = chain is Adapters.ContractChain contract ? await contract.RoundOfTaskAsync(taskId, cancellationToken).ConfigureAwait(false) : null;
        var (_, readme, json) = await Cards.ModelCardPublisher.PublishAsync(blobs, task, state, config.Aggregation.Rule.ToString(), round, cancellationToken).ConfigureAwait(false);
        return $"model card README.md {readme}, config.json {json}";
    }

    private static Hash32 NewSalt() => new(global::System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
