// Builds a node's role from its node.json, the same way in the `network run` process and in a node process of its
// own (`autonet node step`): the protocol's state machine over this node's chain view, blob gateway, SQLite state and
// trainer, with whatever the host's decorator wraps around those honest parts (a devnet's faults; nothing for an
// honest node). Each step returns one outcome line.
using Autonet.Core.Ids;
using Autonet.Data.Images;
using Autonet.Models.Jepa;
using Autonet.Node.Hosting;
using Autonet.Node.State;
using Autonet.Node.Training;
using Autonet.Protocol.Ports;
using Autonet.Protocol.Roles;
using BatchSource = Autonet.Training.Jepa.BatchSource;
using ImageBatchSource = Autonet.Training.Jepa.ImageBatchSource;
using TextBatchSource = Autonet.Training.Jepa.TextBatchSource;

namespace Autonet.Node.Roles;

/// <summary>The step function of a node's role.</summary>
public static class NodeRoles
{
    /// <summary>A solver's share of the run's data as a batch source factory (images or text windows by its config).</summary>
    public static Func<JepaConfig, BatchSource>? LocalData(NodeConfig config, ImageDataset? images, TextCorpus? corpus)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!NeedsTrainingData(config) || config.LocalIndices.Length == 0)
        {
            return null;
        }
        if (config.Modality == "text")
        {
            var windows = config.LocalIndices.Select(i => corpus!.Train[i]).ToList(); // a text solver is given the corpus
            return model => new TextBatchSource(windows, model);
        }
        var share = images!.Subset(config.LocalIndices); // an image solver is given the images
        return model => new ImageBatchSource(share, model);
    }

    /// <summary>Loads what <see cref="LocalData"/> needs in a node process: the run's images or its text corpus.</summary>
    public static Func<JepaConfig, BatchSource>? LoadLocalData(NodeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!NeedsTrainingData(config))
        {
            return null;
        }
        return config.Modality == "text"
            ? LocalData(config, null, TextCorpus.Load(config.TextDirectory!, config.MaxTokens)) // written with the directory by network run
            : LocalData(config, FashionMnist.Load(FashionMnistSplit.Train, maxCount: config.TrainImages), null);
    }

    /// <summary>
    /// The role's step on one task: does what is due and returns what it did. <paramref name="decorator"/> wraps the
    /// role's chain view and trainer (null: the honest parts as they are).
    /// </summary>
    /// <exception cref="ArgumentException">The role is not one this node knows.</exception>
    public static Func<ulong, CancellationToken, Task<string>> Create(
        NodeConfig config, IChain chain, IBlobStore blobs, NodeDatabase database, ChainClock clock, Func<JepaConfig, BatchSource>? localData,
        RoleDecorator? decorator = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        chain = decorator?.Chain?.Invoke(chain) ?? chain;
        ITrainer Decorate(ITrainer trainer) => decorator?.Trainer?.Invoke(trainer) ?? trainer;
        switch (config.Role)
        {
            case "proposer":
                var proposer = Proposer(chain, blobs, database, clock);
                return async (id, ct) => (await proposer.StepAsync(id, ct).ConfigureAwait(false)).Revealed ? "ground truth revealed" : "waiting";
            case "solver" or "planter":
                var solver = new SolverRole(chain, blobs, Decorate(new JepaTrainer(localData, config.Seed)), new SqliteStateStore<SolverTaskState>(database), clock, NewSalt);
                return async (id, ct) => await solver.StepAsync(id, ct).ConfigureAwait(false) is { } s ? $"{s.Phase}: {s.Reason}" : "did not join";
            case "coordinator":
                var coordinator = new CoordinatorRole(chain, blobs, Decorate(new JepaTrainer(null, 0)),
                    new SqliteStateStore<CoordinatorTaskState>(database), clock, config.MaxDeltaNorm);
                return async (id, ct) =>
                {
                    var state = await coordinator.StepAsync(id, ct).ConfigureAwait(false);
                    return $"{state.Verdicts.Count(v => v.ScoreBasisPoints is not null)} votes{(config.Lazy ? " (lazy: each sent as 10000 bp)" : "")}";
                };
            case "aggregator":
                var aggregator = new AggregatorRole(chain, blobs, Decorate(new JepaTrainer(null, 0)), new SqliteStateStore<AggregatorTaskState>(database), config.Aggregation);
                return async (id, ct) => await aggregator.StepAsync(id, ct).ConfigureAwait(false) is { } a ? $"published {a.Model}" : "not finalized";
            default:
                throw new ArgumentException($"node {config.Name}: role '{config.Role}' is not proposer, solver, coordinator, aggregator or planter", nameof(config));
        }
    }

    /// <summary>The proposer's state machine (the run also uses it to post tasks).</summary>
    public static ProposerRole Proposer(IChain chain, IBlobStore blobs, NodeDatabase database, ChainClock clock) =>
        new(chain, blobs, new SqliteStateStore<ProposerTaskState>(database), clock, NewSalt);

    // Only solvers train on local data (the planter's delta needs none), so only they load the run's data.
    private static bool NeedsTrainingData(NodeConfig config) => config.Role == "solver";

    private static Hash32 NewSalt() => new(global::System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
