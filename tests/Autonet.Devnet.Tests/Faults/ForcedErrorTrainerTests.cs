using Autonet.Devnet.Faults;
using Autonet.Node.Adapters;
using Autonet.Training.Rounds;

namespace Autonet.Devnet.Tests.Faults;

/// <summary>The planted solution zeroes the model, and an honest coordinator scores it 0 (a collapsed encoder).</summary>
public sealed class ForcedErrorTrainerTests
{
    [Fact]
    public async Task TrainAsync_AnyBase_HonestScoreIsZero()
    {
        var genesis = TinyJepa.Genesis();
        var scorer = new JepaDeltaScorer();
        Assert.True(scorer.TryDecodeValidationSet(genesis, ValidationSet.Encode(TinyJepa.Images(16), [.. Enumerable.Range(0, 16)]), TinyJepa.OneStep, out var validation, out var reason), reason);

        var planted = await new ForcedErrorTrainer().TrainAsync(genesis, TinyJepa.OneStep, CancellationToken.None);

        Assert.Equal(0.0, await scorer.ScoreAsync(genesis, validation, planted, CancellationToken.None));
    }
}
