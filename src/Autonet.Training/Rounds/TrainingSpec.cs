// The recipe a proposer puts in a task (TaskSpec.TrainingSpec, canonical JSON in the task's spec blob; see
// docs/formats.md "Task spec"): how many local steps a solver runs, its batch, learning rate, EMA momentum and the
// round's seed, and the smallest improvement a coordinator pays for (MinGain, see VerificationScore). LocalTraining and
// the coordinator's scorer read it; the protocol carries it as an opaque string.
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Autonet.Training.Rounds;

/// <summary>The task's training recipe (JSON in TaskSpec.TrainingSpec): local steps, batch, learning rate, EMA momentum.</summary>
public sealed record TrainingSpec
{
    public int Steps { get; init; } = 20;
    public int Batch { get; init; } = 32;
    public float LearningRate { get; init; } = 1e-3f;
    public float EmaMomentum { get; init; } = 0.99f;
    public int Seed { get; init; } = 1;

    /// <summary>An improvement at or below this scores 0 (VerificationScore); 0..1, default 1e-4.</summary>
    public double MinGain { get; init; } = VerificationScore.DefaultMinGain;

    // Strict for strangers' specs: a misspelt or duplicated member would otherwise run silently with another value.
    private static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <exception cref="FormatException">Not JSON, an unknown or repeated member, or a field outside its range.</exception>
    public static TrainingSpec Parse(string json)
    {
        TrainingSpec spec;
        try
        {
            spec = JsonSerializer.Deserialize<TrainingSpec>(json, Strict) ?? throw new FormatException("training spec is null");
        }
        catch (JsonException e)
        {
            throw new FormatException($"training spec is not valid JSON: {e.Message}", e);
        }
        if (spec.Steps is < 1 or > 100_000 || spec.Batch is < 1 or > 4096 || !(spec.LearningRate > 0 && spec.LearningRate < 1)
            || !(spec.EmaMomentum is >= 0 and <= 1) || !(spec.MinGain is >= 0 and <= 1))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                $"training spec out of range: steps {spec.Steps} (1..100000), batch {spec.Batch} (1..4096), lr {spec.LearningRate} (0..1), ema {spec.EmaMomentum} (0..1), min gain {spec.MinGain} (0..1)"));
        }
        return spec;
    }
}
