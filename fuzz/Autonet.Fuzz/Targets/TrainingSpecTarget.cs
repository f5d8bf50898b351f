using System.Text;
using Autonet.Training.Rounds;

namespace Autonet.Fuzz.Targets;

/// <summary>TrainingSpec.Parse: FormatException only; an accepted spec is in range and parses back from its JSON.</summary>
internal sealed class TrainingSpecTarget : FuzzTarget
{
    public override string Name => "trainingspec";

    public override string Decoder => "TrainingSpec.Parse";

    public override void Run(byte[] input)
    {
        TrainingSpec spec;
        try
        {
            spec = TrainingSpec.Parse(Encoding.UTF8.GetString(input));
        }
        catch (FormatException)
        {
            return;
        }
        if (spec.Steps is < 1 or > 100_000 || spec.Batch is < 1 or > 4096 || !(spec.LearningRate is > 0 and < 1) || !(spec.EmaMomentum is >= 0 and <= 1))
        {
            throw new InvalidOperationException($"accepted an out-of-range spec {spec.ToJson()}");
        }
        if (TrainingSpec.Parse(spec.ToJson()) != spec)
        {
            throw new InvalidOperationException($"spec {spec.ToJson()} does not round-trip");
        }
    }

    public override IEnumerable<byte[]> Seeds() =>
        new[] { new TrainingSpec().ToJson(), new TrainingSpec { Steps = 300, Batch = 4, LearningRate = 3e-4f, EmaMomentum = 0.996f, Seed = -7 }.ToJson(), "{}" }
            .Select(Encoding.UTF8.GetBytes);

    public override IEnumerable<string> Tokens() =>
        ["\"Steps\"", "\"Batch\"", "\"LearningRate\"", "\"EmaMomentum\"", "\"Seed\"", "1e-3", "0.99", "4096", "100000", "-1", "null"];
}
