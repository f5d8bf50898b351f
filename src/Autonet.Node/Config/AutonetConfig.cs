// config.yaml in a node's home, read by every command through this one class. A value comes from, in order of
// precedence: the environment (AUTONET_<SECTION>_<KEY>, or a key's short alias such as AUTONET_RPC), the file, the
// key's default (ConfigKeys). The file is small YAML: sections of scalar or list values, nothing deeper; unknown
// keys, wrong kinds and broken rules are refused with the file, the key, the value and the rule. `Set` rewrites the
// file with the values it had plus the new one (comments are not kept).
using System.Collections;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Autonet.Node.Config;

/// <summary>Where a config value came from.</summary>
public enum ConfigSource
{
    Default,
    File,
    Environment,
}

/// <summary>A node's configuration: config.yaml plus environment overrides over the keys' defaults.</summary>
public sealed class AutonetConfig
{
    public const string FileName = "config.yaml";

    /// <summary>A config file larger than this is refused (it is a handful of keys).</summary>
    public const int MaxFileBytes = 1 << 20;

    private readonly Dictionary<string, object> _file;
    private readonly Dictionary<string, (object Value, ConfigSource Source, string? Variable)> _values;

    private AutonetConfig(string path, Dictionary<string, object> file, IDictionary environment)
    {
        FilePath = path;
        _file = file;
        _values = [];
        foreach (var key in ConfigKeys.All)
        {
            if (Lookup(environment, key.EnvironmentVariable) is { } text)
            {
                _values[key.Name] = (key.Parse(text, $"${key.EnvironmentVariable}"), ConfigSource.Environment, key.EnvironmentVariable);
            }
            else if (key.Alias is { } alias && Lookup(environment, alias) is { } aliased)
            {
                _values[key.Name] = (key.Parse(aliased, $"${alias}"), ConfigSource.Environment, alias);
            }
            else if (file.TryGetValue(key.Name, out var value))
            {
                _values[key.Name] = (value, ConfigSource.File, null);
            }
            else
            {
                _values[key.Name] = (key.Default, ConfigSource.Default, null);
            }
        }
    }

    /// <summary>The config.yaml this was read from (it need not exist).</summary>
    public string FilePath { get; }

    /// <summary>Reads the home's config.yaml (absent: all defaults) and the process environment.</summary>
    /// <exception cref="FormatException">the file or an override is not valid (the message names the key and the rule)</exception>
    public static AutonetConfig Load(NodeHome home, IDictionary? environment = null)
    {
        ArgumentNullException.ThrowIfNull(home);
        var path = home.File(FileName);
        return new AutonetConfig(path, File.Exists(path) ? ReadFile(path) : [], environment ?? Environment.GetEnvironmentVariables());
    }

    public string Role => (string)this[ConfigKeys.NodeRole];
    public string Name => (string)this[ConfigKeys.NodeName];
    public ulong ProjectId => checked((ulong)(long)this[ConfigKeys.NodeProject]);
    public bool AutoStake => (bool)this[ConfigKeys.NodeAutoStake];
    public bool JoinProject => (bool)this[ConfigKeys.NodeJoinProject];
    public double StakeAtn => (double)this[ConfigKeys.NodeStake];
    public TimeSpan KeeperStagger => TimeSpan.FromSeconds((double)this[ConfigKeys.NodeKeeperStagger]);
    public Uri Rpc => new((string)this[ConfigKeys.ChainRpc]);
    public string Registry => (string)this[ConfigKeys.ChainRegistry];
    public ulong ChainId => checked((ulong)(long)this[ConfigKeys.ChainId]);
    public TimeSpan RpcTimeout => TimeSpan.FromSeconds((double)this[ConfigKeys.ChainTimeout]);
    public string Keystore => (string)this[ConfigKeys.KeyFile];
    public string PassphraseFile => (string)this[ConfigKeys.KeyPassphraseFile];
    public IReadOnlyList<string> Gateways => (string[])this[ConfigKeys.StorageGateways];
    public System.Net.IPEndPoint? MetricsListen => MetricsEndpoint.TryParse((string)this[ConfigKeys.MetricsListen], out var endpoint) ? endpoint : null;
    public bool JsonLogs => (string)this[ConfigKeys.LogFormat] == "json";
    public bool TrainOnAgentData => (bool)this[ConfigKeys.DataConsent];
    public bool ScreenCapture => (bool)this[ConfigKeys.DataScreen];
    public string ConversationsDirectory => (string)this[ConfigKeys.DataConversations];
    public string AgentsDirectory => (string)this[ConfigKeys.DataAgents];
    public IReadOnlyList<string> ExclusionPatterns => (string[])this[ConfigKeys.DataExclusions];
    public string FramesDirectory => (string)this[ConfigKeys.DataFrames];
    public string CaptureDisplay => (string)this[ConfigKeys.DataCaptureDisplay];
    public double FpsCap => (double)this[ConfigKeys.DataFpsCap];
    public int FrameSize => checked((int)(long)this[ConfigKeys.DataFrameSize]);
    public int MaxSeqLength => checked((int)(long)this[ConfigKeys.DataMaxSeq]);
    public int FeedBatchInteractions => checked((int)(long)this[ConfigKeys.DataFeedBatch]);
    public TimeSpan FeedPollInterval => TimeSpan.FromSeconds((double)this[ConfigKeys.DataFeedPoll]);
    public Uri? ChatProvider => (string)this[ConfigKeys.ChatProvider] is { Length: > 0 } url ? new Uri(url) : null;
    public string ChatPayProvider => (string)this[ConfigKeys.ChatPayProvider];
    public ulong ChatPayProject => checked((ulong)(long)this[ConfigKeys.ChatPayProject]);

    /// <summary>The effective value of a key.</summary>
    public object this[ConfigKey key] => _values[key.Name].Value;

    /// <summary>Where the effective value of a key came from, and the variable when it was the environment.</summary>
    public (ConfigSource Source, string? Variable) SourceOf(ConfigKey key) => (_values[key.Name].Source, _values[key.Name].Variable);

    /// <summary>The agent-data options of the text pipeline, from the data.* keys.</summary>
    public Data.Text.TextDataConfig TextData() => new()
    {
        TrainOnAgentData = TrainOnAgentData,
        ConversationsDirectory = ConversationsDirectory,
        AgentsDirectory = AgentsDirectory,
        ExclusionPatterns = [.. ExclusionPatterns],
        MaxSeqLength = MaxSeqLength,
    };

    /// <summary>The screen-frame options, from the data.* keys (consent: data.screen_capture); <paramref name="pauseFile"/> pauses live capture while it exists.</summary>
    public Data.Frames.FrameSourceConfig Frames(string pauseFile = "") => new()
    {
        ScreenCapture = ScreenCapture,
        FramesDirectory = FramesDirectory,
        CaptureDisplay = CaptureDisplay,
        PauseFile = pauseFile,
        FpsCap = FpsCap,
        FrameSize = FrameSize,
        ExclusionPatterns = [.. ExclusionPatterns],
    };

    /// <summary>The live feed's ring-buffer limits, from data.feed_max_megabytes and data.feed_max_age_hours.</summary>
    public Data.Feed.FeedLimits FeedLimits() => new()
    {
        MaxBytes = checked((long)this[ConfigKeys.DataFeedBytes] << 20),
        MaxAge = TimeSpan.FromHours((double)this[ConfigKeys.DataFeedAge]),
    };

    /// <summary>Sets a key in config.yaml (validated as the file would be), keeping the file's other values; returns the new config.</summary>
    /// <exception cref="ArgumentException">unknown key</exception>
    /// <exception cref="FormatException">the value breaks the key's kind or rule</exception>
    public static AutonetConfig Set(NodeHome home, string name, string value, IDictionary? environment = null)
    {
        ArgumentNullException.ThrowIfNull(home);
        var key = ConfigKeys.Find(name);
        var current = Load(home, environment);
        current._file[key.Name] = key.Parse(value, "config set");
        Write(home.EnsureCreated().File(FileName), current._file);
        return Load(home, environment);
    }

    /// <summary>Writes a whole config.yaml (for `node init`): the given values, each validated, nothing else.</summary>
    public static void Write(NodeHome home, IReadOnlyDictionary<ConfigKey, object> values) => Write(home, values, keep: false);

    /// <summary>Sets the given values in config.yaml (each validated as `config set` would), keeping the file's others.</summary>
    public static void Update(NodeHome home, IReadOnlyDictionary<ConfigKey, object> values) => Write(home, values, keep: true);

    private static void Write(NodeHome home, IReadOnlyDictionary<ConfigKey, object> values, bool keep)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(values);
        var file = keep && File.Exists(home.File(FileName)) ? ReadFile(home.File(FileName)) : [];
        foreach (var (key, value) in values)
        {
            file[key.Name] = value is string[] list ? key.ParseList(list, "node init") : key.Parse(ConfigKey.Format(value), "node init");
        }
        Write(home.EnsureCreated().File(FileName), file);
    }

    private static void Write(string path, Dictionary<string, object> file)
    {
        var text = new StringBuilder("# Autonet node configuration. Every key: `autonet config list`; docs/config.md.\n");
        foreach (var section in ConfigKeys.All.Where(k => file.ContainsKey(k.Name)).GroupBy(k => k.Path.Section))
        {
            text.Append(section.Key).Append(":\n");
            foreach (var key in section)
            {
                text.Append("  ").Append(key.Path.Member).Append(": ").Append(Yaml(file[key.Name])).Append('\n');
            }
        }
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text.ToString());
        File.Move(temporary, path, overwrite: true);
    }

    // A JSON string is a YAML double-quoted scalar, so JSON's escaping is YAML's.
    private static string Yaml(object value) => value switch
    {
        string s => JsonSerializer.Serialize(s),
        string[] list => "[" + string.Join(", ", list.Select(s => JsonSerializer.Serialize(s))) + "]",
        _ => ConfigKey.Format(value),
    };

    private static Dictionary<string, object> ReadFile(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxFileBytes)
        {
            throw new FormatException($"{path}: {info.Length} bytes is over the {MaxFileBytes}-byte limit of a config file");
        }
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(File.ReadAllText(path));
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new FormatException($"{path}: not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }
        var values = new Dictionary<string, object>();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return values;
        }
        if (stream.Documents.Count > 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FormatException($"{path}: must be one mapping of sections (node:, chain:, key:, storage:, data:)");
        }
        foreach (var (sectionNode, body) in root.Children)
        {
            var section = ((YamlScalarNode)sectionNode).Value ?? "";
            if (body is YamlScalarNode { Value: null or "" })
            {
                continue;
            }
            if (body is not YamlMappingNode members)
            {
                throw new FormatException($"{path}: section '{section}' (line {sectionNode.Start.Line}) must be a mapping of keys");
            }
            foreach (var (memberNode, valueNode) in members.Children)
            {
                var where = $"{path} line {memberNode.Start.Line}";
                ConfigKey key;
                try
                {
                    key = ConfigKeys.Find($"{section}.{(memberNode as YamlScalarNode)?.Value}", where);
                }
                catch (ArgumentException e)
                {
                    throw new FormatException(e.Message, e);
                }
                values[key.Name] = valueNode switch
                {
                    YamlScalarNode scalar => key.Parse(scalar.Value ?? "", where),
                    YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode) =>
                        key.ParseList([.. list.Children.Select(c => ((YamlScalarNode)c).Value ?? "")], where),
                    _ => throw new FormatException($"{where}: {key.Name} must be a value or a list of values, not a mapping"),
                };
            }
        }
        return values;
    }

    private static string? Lookup(IDictionary environment, string name) =>
        environment.Contains(name) && environment[name] is string { Length: > 0 } value ? value : null;
}
