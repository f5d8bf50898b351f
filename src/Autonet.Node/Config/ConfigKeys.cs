// Every key config.yaml knows, in one table: the documentation (docs/config.md and `autonet config list`), the
// parser and the environment overrides all come from here. A key not in this table is refused with the nearest
// names, so a typo never silently falls back to a default.
namespace Autonet.Node.Config;

/// <summary>The keys of config.yaml.</summary>
public static class ConfigKeys
{
    public static readonly ConfigKey NodeRole = new("node.role", ConfigKind.Text, "", "The node's role: proposer, solver, coordinator, aggregator or provider (empty: not set up yet)")
    {
        Rule = v => v is "" or "proposer" or "solver" or "coordinator" or "aggregator" or "provider" ? null : "must be proposer, solver, coordinator, aggregator or provider",
    };

    public static readonly ConfigKey NodeName = new("node.name", ConfigKind.Text, "", "A name for logs and reports (empty: the role)");

    public static readonly ConfigKey NodeProject = new("node.project_id", ConfigKind.WholeNumber, 1L, "The project whose tasks the node serves")
    {
        Rule = v => (long)v >= 1 ? null : "must be at least 1",
    };

    public static readonly ConfigKey NodeAutoStake = new("node.auto_stake", ConfigKind.Boolean, false, "Stake the role's minimum automatically at start when the balance allows it");

    public static readonly ConfigKey NodeJoinProject = new("node.join_project", ConfigKind.Boolean, true, "A solver or coordinator daemon lists itself as a member of node.project at start (Project.join): the project's tasks wait for it, and end their commit (or vote commit) phase as soon as every member committed");

    public static readonly ConfigKey NodeStake = new("node.stake_atn", ConfigKind.Number, 0.0, "ATN node.auto_stake keeps staked in the role: it tops the stake up to this at start when the balance allows (0: the contract's minimum)")
    {
        Rule = v => (double)v >= 0 ? null : "must be 0 or more",
    };

    public static readonly ConfigKey NodeKeeperStagger = new("node.keeper_stagger_seconds", ConfigKind.Number, 2.0, "Seconds between keeper turns: of the nodes that see a keeper duty due, the one ranked k for it (by keccak of address, task and duty) waits k turns, so usually one sends; at least the chain's block time (0: no stagger)")
    {
        Rule = v => (double)v is >= 0 and <= 600 ? null : "must be in 0..600",
    };

    public static readonly ConfigKey NodeSeed = new("node.seed", ConfigKind.WholeNumber, 0L, "Seeds the node's training batches and masks (0: derived from the node's address, so two nodes never share one)")
    {
        Rule = v => (long)v >= 0 ? null : "must be 0 or more",
    };

    public static readonly ConfigKey ChainRpc = new("chain.rpc", ConfigKind.Text, "http://127.0.0.1:8545", "JSON-RPC endpoint of the chain", Alias: "AUTONET_RPC")
    {
        Rule = v => Uri.TryCreate((string)v, UriKind.Absolute, out var u) && (u.Scheme == "http" || u.Scheme == "https") ? null : "must be an http:// or https:// URL",
    };

    public static readonly ConfigKey ChainRegistry = new("chain.registry", ConfigKind.Text, "", "Address of the deployment's contract registry (the one address a node needs; empty: read chain.json in the home)", Alias: "AUTONET_REGISTRY")
    {
        Rule = v => v is "" || (v is string s && s.Length == 42 && s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && s[2..].All(Uri.IsHexDigit)) ? null : "must be empty or a 0x-prefixed 20-byte hex address",
    };

    public static readonly ConfigKey ChainId = new("chain.chain_id", ConfigKind.WholeNumber, 0L, "The chain id the node expects (0: accept what the RPC reports)")
    {
        Rule = v => (long)v >= 0 ? null : "must be 0 or a positive chain id",
    };

    public static readonly ConfigKey ChainTimeout = new("chain.timeout_seconds", ConfigKind.Number, 30.0, "Timeout of one RPC call, in seconds")
    {
        Rule = v => (double)v is > 0 and <= 600 ? null : "must be in (0, 600]",
    };

    public static readonly ConfigKey KeyFile = new("key.keystore", ConfigKind.Text, "", "The node's Web3 Secret Storage (v3) keystore file (empty: the home's keystore)");

    public static readonly ConfigKey KeyPassphraseFile = new("key.passphrase_file", ConfigKind.Text, "", "A file holding the keystore's passphrase (else $AUTONET_PASSPHRASE, else a prompt)");

    public static readonly ConfigKey StorageGateways = new("storage.gateways", ConfigKind.TextList, Array.Empty<string>(), "Blob gateways to use besides those providers announce on chain");

    public static readonly ConfigKey DataConsent = new("data.train_on_agent_data", ConfigKind.Boolean, false, "Consent: train on your agent conversations and execution records (seed 001, story 3.1)");

    public static readonly ConfigKey DataScreen = new("data.screen_capture", ConfigKind.Boolean, false, "Consent, separate: capture screen frames for training");

    public static readonly ConfigKey DataConversations = new("data.conversations_directory", ConfigKind.Text, "~/.atn/conversations", "Conversation JSONL files (searched recursively)");

    public static readonly ConfigKey DataAgents = new("data.agents_directory", ConfigKind.Text, "~/.atn/agents", "Agents' folders; each agent's records are <agent>/execution.jsonl");

    public static readonly ConfigKey DataExclusions = new("data.exclusion_patterns", ConfigKind.TextList, Array.Empty<string>(), "\"glob:<path glob>\" excludes files, \"regex:<regex>\" excludes records, \"window:<regex>\" excludes screen frames while a window so titled is on screen; a bare pattern is a glob");

    public static readonly ConfigKey DataFrames = new("data.frames_directory", ConfigKind.Text, "", "A folder of PNG/JPEG screen frames to use instead of a live capture (empty: none)");

    public static readonly ConfigKey DataCaptureDisplay = new("data.capture_display", ConfigKind.Text, "", "The local X display live screen capture reads when data.frames_directory is empty, e.g. :0 (empty: $DISPLAY)")
    {
        Rule = v => v is "" || (v is string s && s.Length > 1 && s[0] == ':' && s[1..].Split('.').Length <= 2 && s[1..].Split('.').All(p => p.Length is > 0 and <= 5 && p.All(char.IsAsciiDigit))) ? null : "must be empty or a local X display such as :0 or :1.0",
    };

    public static readonly ConfigKey DataFpsCap = new("data.fps_cap", ConfigKind.Number, 1.0, "Most screen frames captured per second")
    {
        Rule = v => (double)v is > 0 and <= 60 ? null : "must be in (0, 60]",
    };

    public static readonly ConfigKey DataFrameSize = new("data.frame_size", ConfigKind.WholeNumber, 28L, "Side in pixels frames (and a multimodal node's pair screenshots) are resized to (square)")
    {
        Rule = v => (long)v is >= 8 and <= 1024 ? null : "must be in 8..1024",
    };

    public static readonly ConfigKey DataMaxSeq = new("data.max_seq_length", ConfigKind.WholeNumber, 512L, "Tokens per text window, BOS/EOS included")
    {
        Rule = v => (long)v is >= 16 and <= 2048 ? null : "must be in 16..2048",
    };

    public static readonly ConfigKey DataModality = new("data.modality", ConfigKind.Text, "image", "What a solver trains on and a proposer draws its held-out pool from: image (Fashion-MNIST), text (data.text_directory's conversations) or multimodal (data.pairs_directory's image-text pairs)")
    {
        Rule = v => v is "image" or "text" or "multimodal" ? null : "must be image, text or multimodal",
    };

    public static readonly ConfigKey DataTrainImages = new("data.train_images", ConfigKind.WholeNumber, 6000L, "How many Fashion-MNIST training images an image solver loads (data.share_file indexes into them)")
    {
        Rule = v => (long)v is >= 1 and <= 60000 ? null : "must be in 1..60000 (Fashion-MNIST has 60000 training images)",
    };

    public static readonly ConfigKey DataShareFile = new("data.share_file", ConfigKind.Text, "", "A solver's own share of the data: a file of sample indices, one per line, into the loaded training images, text windows or train pairs (empty: all of them)");

    public static readonly ConfigKey DataTextDirectory = new("data.text_directory", ConfigKind.Text, "", "A text node's conversation folder (a public corpus with autonet-corpus.json, or your own data with data.train_on_agent_data); windows of data.max_seq_length tokens");

    public static readonly ConfigKey DataPairsDirectory = new("data.pairs_directory", ConfigKind.Text, "", "A multimodal solver's image-text pair folder (`autonet data pairs`); screenshots decoded to data.frame_size");

    public static readonly ConfigKey CoordinatorMaxDeltaNorm = new("coordinator.max_delta_norm", ConfigKind.Number, 100.0, "A coordinator scores 0 for a delta whose L2 norm is above this")
    {
        Rule = v => (double)v > 0 ? null : "must be above 0",
    };

    public static readonly ConfigKey AggregatorGenesisFile = new("aggregator.genesis_file", ConfigKind.Text, "", "A model file (safetensors checkpoint) the aggregator publishes as its project's genesis while the project has no model (empty: it publishes aggregates only)");

    public static readonly ConfigKey MetricsListen = new("metrics.listen", ConfigKind.Text, "127.0.0.1:0", "Where `node run` serves Prometheus metrics at /metrics: HOST:PORT (port 0, the default: a free one, logged at start, so several nodes on one machine never clash), or \"off\"")
    {
        Rule = v => v is "off" || MetricsEndpoint.TryParse((string)v, out _) ? null : "must be \"off\" or HOST:PORT with an IP address and a port in 0..65535",
    };

    public static readonly ConfigKey LogFormat = new("log.format", ConfigKind.Text, "text", "How the node writes its log on standard error: text (one line per message) or json (one JSON object per line)")
    {
        Rule = v => v is "text" or "json" ? null : "must be text or json",
    };

    public static readonly ConfigKey DataFeedBatch = new("data.feed_batch_interactions", ConfigKind.WholeNumber, 32L, "The live feed hands the trainer a batch once this many new interactions have arrived")
    {
        Rule = v => (long)v is >= 1 and <= 4096 ? null : "must be in 1..4096",
    };

    public static readonly ConfigKey DataFeedPoll = new("data.feed_poll_seconds", ConfigKind.Number, 2.0, "Seconds between the live feed's looks at the data folders")
    {
        Rule = v => (double)v is >= 0.1 and <= 3600 ? null : "must be in 0.1..3600",
    };

    public static readonly ConfigKey DataFeedBytes = new("data.feed_max_megabytes", ConfigKind.WholeNumber, 64L, "Most megabytes of text and frames the feed's ring buffer (feed.db) keeps; the oldest go first")
    {
        Rule = v => (long)v is >= 1 and <= 1 << 20 ? null : "must be in 1..1048576",
    };

    public static readonly ConfigKey DataFeedAge = new("data.feed_max_age_hours", ConfigKind.Number, 168.0, "Hours an interaction or frame stays in the feed's ring buffer")
    {
        Rule = v => (double)v is > 0 and <= 87600 ? null : "must be in (0, 87600]",
    };

    public static readonly ConfigKey ChatProvider = new("chat.provider", ConfigKind.Text, "", "Inference provider the chat node (`serve --decoder`) asks for K-vectors, e.g. http://10.0.0.5:8080 (empty: none; --provider overrides)")
    {
        Rule = v => v is "" || (Uri.TryCreate((string)v, UriKind.Absolute, out var u) && (u.Scheme == "http" || u.Scheme == "https")) ? null : "must be empty or an http:// or https:// URL",
    };

    public static readonly ConfigKey ChatPayProvider = new("chat.pay_provider", ConfigKind.Text, "", "The provider's address the chat node pays with vouchers from its channel (`market deposit`); empty: the provider is free")
    {
        Rule = v => v is "" || (v is string s && s.Length == 42 && s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && s[2..].All(Uri.IsHexDigit)) ? null : "must be empty or a 0x-prefixed 20-byte hex address",
    };

    public static readonly ConfigKey ChatPayProject = new("chat.pay_project", ConfigKind.WholeNumber, 1L, "The project whose channel with chat.pay_provider pays")
    {
        Rule = v => (long)v >= 1 ? null : "must be at least 1",
    };

    /// <summary>All keys, in the order `config list` shows them.</summary>
    public static readonly IReadOnlyList<ConfigKey> All =
    [
        NodeRole, NodeName, NodeProject, NodeAutoStake, NodeJoinProject, NodeStake, NodeKeeperStagger, NodeSeed,
        ChainRpc, ChainRegistry, ChainId, ChainTimeout,
        KeyFile, KeyPassphraseFile,
        StorageGateways,
        MetricsListen, LogFormat,
        DataConsent, DataScreen, DataConversations, DataAgents, DataExclusions, DataFrames, DataCaptureDisplay, DataFpsCap, DataFrameSize, DataMaxSeq,
        DataFeedBatch, DataFeedPoll, DataFeedBytes, DataFeedAge,
        DataModality, DataTrainImages, DataShareFile, DataTextDirectory, DataPairsDirectory,
        CoordinatorMaxDeltaNorm, AggregatorGenesisFile,
        .. ProposerKeys.All,
        ChatProvider, ChatPayProvider, ChatPayProject,
    ];

    /// <summary>The key with this dotted name.</summary>
    /// <exception cref="ArgumentException">no such key (the message lists the closest names)</exception>
    public static ConfigKey Find(string name, string source = "config")
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(k => k.Name == name)
            ?? throw new ArgumentException($"{source}: unknown key '{name}'; known keys: {string.Join(", ", Nearest(name))}{(All.Count > 5 ? ", … (`autonet config list`)" : "")}", nameof(name));
    }

    private static IEnumerable<string> Nearest(string name) =>
        All.OrderBy(k => Distance(k.Name, name)).Take(5).Select(k => k.Name);

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }
}
