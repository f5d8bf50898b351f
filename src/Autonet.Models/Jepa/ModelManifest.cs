// The model manifest: architecture name, format version and the full JepaConfig as JSON. It travels inside every
// checkpoint and delta (safetensors "__metadata__" key "autonet.manifest"), so a node that receives only the file
// rebuilds the same arenas, names and shapes before loading. Unknown versions and architectures are refused.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Autonet.Models.Jepa;

/// <summary>Architecture + config of a JEPA checkpoint, round-tripping through JSON.</summary>
public sealed record ModelManifest
{
    public const string Format = "autonet-jepa";
    public const int CurrentVersion = 1;
    public const string MetadataKey = "autonet.manifest";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) }, // "modality": 5 is no modality
        WriteIndented = false,
    };

    public string FormatName { get; init; } = Format;

    public int Version { get; init; } = CurrentVersion;

    /// <summary>"i-jepa" for images, "text-jepa" for byte tokens, "vl-jepa" for both.</summary>
    public required string Architecture { get; init; }

    public required JepaConfig Config { get; init; }

    public static ModelManifest For(JepaConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ModelManifest { Architecture = ArchitectureOf(config.Modality), Config = config };
    }

    public static string ArchitectureOf(Modality modality) => modality switch
    {
        Modality.Image => "i-jepa",
        Modality.Text => "text-jepa",
        _ => "vl-jepa",
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The longest manifest text read (64 KiB); ours are about 400 characters.</summary>
    public const int MaxJsonLength = Autonet.Core.SizeLimits.ManifestChars;

    /// <summary>
    /// Parses a manifest from an untrusted file and validates its config, limits included (<see cref="JepaLimits"/>),
    /// so that <c>new JepaModel(manifest.Config)</c> allocates a bounded amount.
    /// </summary>
    /// <exception cref="InvalidDataException">Not JSON, too long, another format, an unknown version or architecture,
    /// a missing or null field, or a bad config; the message names the rule.</exception>
    public static ModelManifest Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxJsonLength)
        {
            Errors.Manifest($"is {json.Length} characters, more than {MaxJsonLength}");
        }
        ModelManifest? manifest = null;
        try
        {
            manifest = JsonSerializer.Deserialize<ModelManifest>(json, Json);
        }
        catch (JsonException e)
        {
            Errors.Manifest($"not valid manifest JSON ({e.Message})");
        }
        if (manifest is null || manifest.FormatName != Format)
        {
            Errors.Manifest($"format is '{manifest?.FormatName}', expected '{Format}'");
        }
        if (manifest.Config is null || manifest.Architecture is null)
        {
            Errors.Manifest("architecture and config must not be null");
        }
        if (manifest.Version != CurrentVersion)
        {
            Errors.Manifest($"version {manifest.Version} is not supported (this build reads version {CurrentVersion}); upgrade autonet");
        }
        if (manifest.Architecture != ArchitectureOf(manifest.Config.Modality))
        {
            Errors.Manifest($"architecture '{manifest.Architecture}' does not match modality '{manifest.Config.Modality}'");
        }
        try
        {
            manifest.Config.Validate();
        }
        catch (ArgumentException e)
        {
            Errors.Manifest($"config is invalid: {e.Message}");
        }
        return manifest;
    }
}
