// node.json in a node's home: everything an honest node needs to rebuild its role after a restart or in a process of
// its own (role, local data, checks, aggregation rule, blob gateway). Written once by `network run`; the key
// (node.key), the state (node.db) and the chain (chain.json) sit beside it. A devnet's misbehaviour is not here: it
// writes that in a file of its own beside it (Autonet.Devnet's devnet.json), which this node never reads.
using System.Text.Json;
using Autonet.Models.Jepa;
using Autonet.Node.State;
using Autonet.Protocol.Aggregation;

namespace Autonet.Node.Roles;

/// <summary>A node's role and settings, saved in its home.</summary>
public sealed record NodeConfig
{
    public const string FileName = "node.json";

    /// <summary>The node's name in a run ("solver-2").</summary>
    public required string Name { get; init; }

    public required NodeRole Role { get; init; }

    /// <summary>The project whose tasks the node serves (a daemon watches its tasks).</summary>
    public ulong ProjectId { get; init; }

    /// <summary>The blob gateway every node stores and fetches through.</summary>
    public required Uri Gateway { get; init; }

    /// <summary>Seeds the node's training (batches, masks).</summary>
    public ulong Seed { get; init; }

    /// <summary>Image (Fashion-MNIST), text (token windows of <see cref="TextDirectory"/>'s conversations) or multimodal (<see cref="PairsDirectory"/>).</summary>
    public Modality Modality { get; init; } = Modality.Image;

    /// <summary>How many Fashion-MNIST training images the run loads; a solver's <see cref="LocalIndices"/> index into them.</summary>
    public int TrainImages { get; init; }

    /// <summary>A text run's conversation folder (TextCorpus); a solver's <see cref="LocalIndices"/> index its training windows.</summary>
    public string? TextDirectory { get; init; }

    /// <summary>A multimodal run's pair folder; a solver's <see cref="LocalIndices"/> index its train pairs.</summary>
    public string? PairsDirectory { get; init; }

    /// <summary>A multimodal run's image side (the pairs' screenshots are decoded to it).</summary>
    public int ImageSize { get; init; }

    /// <summary>A text run's window length in tokens.</summary>
    public int MaxTokens { get; init; }

    /// <summary>A solver's own share of the training images or windows (its local data).</summary>
    public int[] LocalIndices { get; init; } = [];

    /// <summary>A coordinator's bound on a delta's L2 norm.</summary>
    public double MaxDeltaNorm { get; init; } = 100;

    /// <summary>An aggregator's rule.</summary>
    public AggregationOptions Aggregation { get; init; } = new();

    /// <summary>A proposer daemon's own schedule (tasks, windows, held-out pool); null: it only reveals what it proposed.</summary>
    public ProposerPlan? Proposing { get; init; }

    /// <summary>An aggregator daemon's genesis model, published when its project has none; null: it publishes aggregates only.</summary>
    public GenesisPlan? Genesis { get; init; }

    public void Save(NodeHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        File.WriteAllText(home.EnsureCreated().File(FileName), JsonSerializer.Serialize(this, IdJsonConverters.Documents));
    }

    /// <exception cref="FileNotFoundException">The home has no node.json (it was not set up by `network run`).</exception>
    /// <exception cref="FormatException">node.json is not valid (the message names the member, e.g. "$.role").</exception>
    public static NodeConfig Load(NodeHome home)
    {
        ArgumentNullException.ThrowIfNull(home);
        var path = home.File(FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist: this home was not set up as a network node (`autonet network run` writes it)", path);
        }
        try
        {
            return JsonSerializer.Deserialize<NodeConfig>(File.ReadAllText(path), IdJsonConverters.Documents)
                ?? throw new FormatException($"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path} is not a valid node.json: {e.Message}", e);
        }
    }
}
