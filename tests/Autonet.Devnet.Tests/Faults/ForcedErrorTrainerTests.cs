using Autonet.Devnet.Faults;
using Autonet.Node.Training;

namespace Autonet.Devnet.Tests.Faults;

/// <summary>The planted solution zeroes the model, and an honest coordinator scores it 0 (a collapsed encoder).</summary>
public sealed class ForcedErrorTrainerTests
{
    [Fact]
    public async Task TrainAsync_AnyBase_HonestScoreIsZero()
    {
        var data = TinyJepa.Images(16);
        var honest = TinyJepa.Trainer(16);
        var genesis = TinyJepa.Genesis();
        var validation = ValidationSet.Encode(data, [0, 1, 2, 3]);

        var planted = await new ForcedErrorTrainer(honest).TrainAsync(genesis, "{}", CancellationToken.None);

        Assert.Equal(0.0, await honest.ScoreAsync(genesis, planted, validation, CancellationToken.None));
    }
}
