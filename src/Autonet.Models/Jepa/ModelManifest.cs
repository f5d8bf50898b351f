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
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = false,
    };

    public string FormatName { get; init; } = Format;

    public int Version { get; init; } = CurrentVersion;

    /// <summary>"i-jepa" for images, "text-jepa" for byte tokens.</summary>
    public required string Architecture { get; init; }

    public required JepaConfig Config { get; init; }

    public static ModelManifest For(JepaConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new ModelManifest { Architecture = ArchitectureOf(config.Modality), Config = config };
    }

    public static string ArchitectureOf(Modality modality) => modality == Modality.Image ? "i-jepa" : "text-jepa";

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="InvalidDataException">Not JSON, another format, an unknown version or architecture, or a bad config.</exception>
    public static ModelManifest Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
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
