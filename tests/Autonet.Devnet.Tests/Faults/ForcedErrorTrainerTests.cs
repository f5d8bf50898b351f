using Autonet.Devnet.Faults;
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;
using Autonet.Training.Jepa;
using Autonet.Training.Rounds;

namespace Autonet.Devnet.Tests.Faults;

/// <summary>
/// The planted solution is plausible and bad: exactly an honest delta negated (same norm, so a norm filter passes it),
/// and an honest coordinator scores it 0; the old plant, minus the base, was caught by the norm filter alone.
/// </summary>
public sealed class ForcedErrorTrainerTests
{
    private static readonly TaskView FiveSteps = Autonet.Node.Tests.Adapters.TestTasks.With(new TrainingSpec { Steps = 5, Batch = 4 }.ToJson());

    [Fact]
    public async Task TrainAsync_HonestTrainer_ExactNegationWithTheHonestNorm_HonestScoreZero_NormFilterPasses()
    {
        var genesis = TinyJepa.Genesis();
        var scorer = new JepaDeltaScorer();
        Assert.True(scorer.TryDecodeValidationSet(genesis, ValidationSet.Encode(TinyJepa.Images(16), [.. Enumerable.Range(0, 16)]), FiveSteps, out var validation, out var reason), reason);
        var honest = await TinyJepa.Trainer(32).TrainAsync(genesis, FiveSteps, CancellationToken.None);

        var planted = await new ForcedErrorTrainer(TinyJepa.Trainer(32)).TrainAsync(genesis, FiveSteps, CancellationToken.None);

        Assert.Equal(honest.Select(v => -v), planted); // training is deterministic, so the runner's copy has the same digest
        Assert.True(await scorer.ScoreAsync(genesis, validation, honest, CancellationToken.None) > 0, "the honest delta should improve the model");
        Assert.Equal(0.0, await scorer.ScoreAsync(genesis, validation, planted, CancellationToken.None));
        var filter = new NormOnlyScorer(scorer);
        Assert.Equal(NormOnlyScorer.PassScore, await filter.ScoreAsync(genesis, validation, planted, CancellationToken.None));
        var minusBase = ModelBytes.Flatten(JepaBase.Of(genesis)).Select(v => -v).ToArray(); // the plant before issue 13
        Assert.Equal(0.0, await filter.ScoreAsync(genesis, validation, minusBase, CancellationToken.None));
    }
}
