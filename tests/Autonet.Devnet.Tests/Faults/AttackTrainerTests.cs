using Autonet.Devnet.Faults;

namespace Autonet.Devnet.Tests.Faults;

/// <summary>Each attack corrupts the honest delta the way its name says, so the coordinators' checks have something to catch.</summary>
public sealed class AttackTrainerTests
{
    [Fact]
    public async Task TrainAsync_WrongShape_DeltaDoesNotDecodeNamingTensor()
    {
        var honest = TinyJepa.Trainer(8);
        var genesis = TinyJepa.Genesis();
        var bad = await new AttackTrainer(honest, SolverAttack.WrongShape, 1).TrainAsync(genesis, TinyJepa.OneStep, CancellationToken.None);

        var e = Assert.Throws<FormatException>(() => honest.DecodeDelta(genesis, bad));

        Assert.Contains("has shape", e.Message, StringComparison.Ordinal);
    }
}
