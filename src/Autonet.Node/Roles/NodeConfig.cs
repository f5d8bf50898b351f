// A node's role settings, read from its home's config.yaml (Config.AutonetConfig: the file, environment overrides,
// the keys' defaults) by NodeConfig.From: role, local data, checks, aggregation rule, gateways, the proposer's plan,
// the aggregator's genesis file. `autonet node init` plus `autonet config set` make a home that runs any role; the
// devnet's launcher writes the same keys. Where a node's storage is not set it comes from the chain (the providers
// announced on ProviderRegistry). A devnet's misbehaviour is not here: it writes that in a file of its own
// (Autonet.Devnet's devnet.json), which this node never reads.
using Autonet.Chain.Crypto;
using Autonet.Core.Ids;
using Autonet.Models.Jepa;
using Autonet.Node.Config;
using Autonet.Protocol.Aggregation;

namespace Autonet.Node.Roles;

/// <summary>A node's role and settings, as its config.yaml gives them.</summary>
public sealed record NodeConfig
{
    /// <summary>The node's name in logs and reports (node.name; empty: the role).</summary>
    public required string Name { get; init; }

    public required NodeRole Role { get; init; }

    /// <summary>The project whose tasks the node serves (a daemon watches its tasks).</summary>
    public ulong ProjectId { get; init; } = 1;

    /// <summary>Blob gateways the node writes deltas and cards to (the first that takes them) and reads from first (storage.gateways); empty: the providers on chain.</summary>
    public IReadOnlyList<Uri> Gateways { get; init; } = [];

    /// <summary>Seeds the node's training (batches, masks).</summary>
    public ulong Seed { get; init; }

    /// <summary>Image (Fashion-MNIST), text (token windows of <see cref="TextDirectory"/>'s conversations) or multimodal (<see cref="PairsDirectory"/>).</summary>
    public Modality Modality { get; init; } = Modality.Image;

    /// <summary>How many Fashion-MNIST training images an image solver loads; <see cref="LocalIndices"/> index into them.</summary>
    public int TrainImages { get; init; } = 6000;

    /// <summary>A text node's conversation folder (TextCorpus); a solver's <see cref="LocalIndices"/> index its training windows.</summary>
    public string? TextDirectory { get; init; }

    /// <summary>A multimodal node's pair folder; a solver's <see cref="LocalIndices"/> index its train pairs.</summary>
    public string? PairsDirectory { get; init; }

    /// <summary>A multimodal node's image side (the pairs' screenshots are decoded to it).</summary>
    public int ImageSize { get; init; } = 28;

    /// <summary>A text node's window length in tokens.</summary>
    public int MaxTokens { get; init; } = 64;

    /// <summary>A solver's own share of the training images, windows or pairs (data.share_file); null: all of them.</summary>
    public IReadOnlyList<int>? LocalIndices { get; init; }

    /// <summary>A coordinator's bound on a delta's L2 norm.</summary>
    public double MaxDeltaNorm { get; init; } = 100;

    /// <summary>
    /// An aggregator's rule (and the one a coordinator recomputes a published model with): the project's, read from
    /// chain when the node starts (NodeChain.AggregationOfAsync); FedAvg until then.
    /// </summary>
    public AggregationOptions Aggregation { get; init; } = new();

    /// <summary>A proposer daemon's own schedule (tasks, windows, held-out pool); null: it only reveals what it proposed.</summary>
    public ProposerPlan? Proposing { get; init; }

    /// <summary>An aggregator daemon's genesis model file, published when its project has none; null: it publishes aggregates only.</summary>
    public string? GenesisFile { get; init; }

    /// <summary>
    /// The settings in <paramref name="settings"/> for the node whose key is <paramref name="key"/> (a node.seed or
    /// proposer.secret of 0 is derived from it; without the key, e.g. another node's home read by a planter, both must be set).
    /// </summary>
    /// <exception cref="InvalidOperationException">No key was given and node.seed or proposer.secret is 0.</exception>
    /// <exception cref="FormatException">node.role is empty, or data.share_file is unreadable (the message names the key, the value and the rule).</exception>
    /// <exception cref="ArgumentException">The proposer's keys break a rule across them.</exception>
    public static NodeConfig From(AutonetConfig settings, SigningKey? key)
    {
        var role = RoleOf(settings);
        var seed = (ulong)(long)settings[ConfigKeys.NodeSeed];
        return new NodeConfig
        {
            Name = settings.Name.Length > 0 ? settings.Name : settings.Role,
            Role = role,
            ProjectId = settings.ProjectId,
            Gateways = [.. settings.Gateways.Select(g => Uri.TryCreate(g, UriKind.Absolute, out var uri) ? uri : throw new FormatException($"{settings.FilePath}: storage.gateways has '{g}': must be absolute http:// URLs"))],
            Seed = seed != 0 ? seed : SeedOf((key ?? throw NoKey("node.seed")).Address),
            Modality = settings[ConfigKeys.DataModality] switch { "text" => Modality.Text, "multimodal" => Modality.Multimodal, _ => Modality.Image },
            TrainImages = checked((int)(long)settings[ConfigKeys.DataTrainImages]),
            TextDirectory = Path((string)settings[ConfigKeys.DataTextDirectory]),
            PairsDirectory = Path((string)settings[ConfigKeys.DataPairsDirectory]),
            ImageSize = settings.FrameSize,
            MaxTokens = settings.MaxSeqLength,
            LocalIndices = Path((string)settings[ConfigKeys.DataShareFile]) is { } share ? ShareFile.Read(share) : null,
            MaxDeltaNorm = (double)settings[ConfigKeys.CoordinatorMaxDeltaNorm],
            Proposing = role == NodeRole.Proposer && (long)settings[ProposerKeys.Tasks] > 0 ? ProposerPlan.From(settings, key ?? throw NoKey("proposer.secret")) : null,
            GenesisFile = role == NodeRole.Aggregator ? Path((string)settings[ConfigKeys.AggregatorGenesisFile]) : null,
        };
    }

    /// <summary>node.role as a node's role.</summary>
    /// <exception cref="FormatException">node.role is empty or provider (the message names the file, the key and the rule).</exception>
    public static NodeRole RoleOf(AutonetConfig settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Role is "" or "provider")
        {
            throw new FormatException($"{settings.FilePath}: node.role = '{settings.Role}'; rule: a node's role must be proposer, solver, coordinator or aggregator (a provider runs `autonet provider serve`; `autonet node init --role …` makes a home)");
        }
        return Enum.Parse<NodeRole>(settings.Role, ignoreCase: true); // the key's rule allows only the role names
    }

    private static InvalidOperationException NoKey(string key) => new($"{key} is 0 (derive it from the node's key) but no key was given to read this home with");

    // A node's own seed when node.seed is 0: the first 8 bytes of its address, never 0.
    private static ulong SeedOf(Address address) => BitConverter.ToUInt64(address.ToArray(), 0) | 1;

    private static string? Path(string value) => value.Length == 0 ? null : System.IO.Path.GetFullPath(Data.Text.TextDataConfig.ExpandHome(value));
}
