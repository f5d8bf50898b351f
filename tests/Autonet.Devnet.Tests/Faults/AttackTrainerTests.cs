using Autonet.Devnet.Faults;
using Autonet.Node.Adapters;

namespace Autonet.Devnet.Tests.Faults;

/// <summary>Each attack corrupts the honest delta the way its name says, so the coordinators' checks have something to catch.</summary>
public sealed class AttackTrainerTests
{
    [Fact]
    public async Task EncodeDelta_ShapeAttack_DeltaDoesNotDecodeNamingTensor()
    {
        var genesis = TinyJepa.Genesis();
        var delta = await new AttackTrainer(TinyJepa.Trainer(8), SolverAttack.WrongShape, 1).TrainAsync(genesis, TinyJepa.OneStep, CancellationToken.None);
        var bad = new MisshapenDeltaCodec().EncodeDelta(genesis, delta);

        Assert.False(new JepaCodec().TryDecodeDelta(genesis, bad, out _, out var reason));
        Assert.Contains("has shape", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SolverAttack.SignFlip, -10f)]
    [InlineData(SolverAttack.Scale, 10f)]
    public async Task TrainAsync_ScalingAttacks_ScaleTheHonestDelta(SolverAttack attack, float factor)
    {
        var genesis = TinyJepa.Genesis();
        var honest = await TinyJepa.Trainer(8).TrainAsync(genesis, TinyJepa.OneStep, CancellationToken.None);

        var corrupted = await new AttackTrainer(TinyJepa.Trainer(8), attack, 1).TrainAsync(genesis, TinyJepa.OneStep, CancellationToken.None);

        Assert.Equal(honest.Select(v => factor * v), corrupted);
    }

    [Fact]
    public async Task TrainAsync_Nan_TheCodecRefusesIt()
    {
        var genesis = TinyJepa.Genesis();
        var codec = new JepaCodec();
        var delta = await new AttackTrainer(TinyJepa.Trainer(8), SolverAttack.Nan, 1).TrainAsync(genesis, TinyJepa.OneStep, CancellationToken.None);

        Assert.False(codec.TryDecodeDelta(genesis, codec.EncodeDelta(genesis, delta), out _, out var reason));
        Assert.Contains("is NaN", reason, StringComparison.Ordinal);
    }
}
