using System.Text.Json;

namespace Autonet.Node.Training;

/// <summary>
/// Architecture of the I-JEPA the node trains (stored in every model's manifest so any node loads it the same way):
/// ViT context/target encoders over image patches and a narrower predictor. Small defaults for a 2-core CPU.
/// </summary>
public sealed record JepaNetConfig
{
    public int ImageSize { get; init; } = 28;
    public int PatchSize { get; init; } = 4;
    public int Width { get; init; } = 32;
    public int Depth { get; init; } = 2;
    public int Heads { get; init; } = 2;
    public int PredictorWidth { get; init; } = 16;
    public int PredictorDepth { get; init; } = 1;
    public int PredictorHeads { get; init; } = 2;
    public float MlpRatio { get; init; } = 2;
    public int Seed { get; init; } = 7;

    public int Grid => ImageSize / PatchSize;

    public string ToJson() => JsonSerializer.Serialize(this);

    public static JepaNetConfig Parse(string json) =>
        JsonSerializer.Deserialize<JepaNetConfig>(json) ?? throw new FormatException("model manifest: empty JEPA config");
}
