// A Byzantine solver for experiments (`--byzantine N --attack ...`, SolverAttack): trains honestly, then corrupts its delta:
// signflip (-10 x delta), scale (+10 x delta), noise (Gaussian with 10 x the delta's RMS per value), and for the
// bad-input scenarios nan (one NaN value) and shape (the first tensor flattened to 1-D: same size, wrong shape).
using Autonet.Data.Sampling;
using Autonet.Node.Training;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>Wraps an honest trainer and corrupts every delta it produces.</summary>
public sealed class AttackTrainer(ITrainer honest, SolverAttack attack, ulong seed) : ITrainer
{
    public async Task<byte[]> TrainAsync(byte[] baseModel, string trainingSpec, CancellationToken cancellationToken)
    {
        var delta = await honest.TrainAsync(baseModel, trainingSpec, cancellationToken).ConfigureAwait(false);
        var layout = ModelCodec.Deserialize(baseModel);
        var values = ModelCodec.DecodeDelta(layout, delta);
        if (attack == SolverAttack.WrongShape)
        {
            return ModelCodec.SerializeDelta(layout, values, flattenFirst: true);
        }
        if (attack == SolverAttack.Nan)
        {
            values[values.Length / 2] = float.NaN;
            return ModelCodec.SerializeDelta(layout, values);
        }
        var rms = Math.Sqrt(values.Sum(v => (double)v * v) / Math.Max(1, values.Length));
        var random = new SeededRandom(seed);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = attack switch
            {
                SolverAttack.SignFlip => -10f * values[i],
                SolverAttack.Scale => 10f * values[i],
                _ => (float)(10 * rms * random.NextGaussian()),
            };
        }
        return ModelCodec.SerializeDelta(layout, values);
    }

    public Task<double> ScoreAsync(byte[] baseModel, byte[] delta, byte[] validationSet, CancellationToken cancellationToken) =>
        honest.ScoreAsync(baseModel, delta, validationSet, cancellationToken);

    public float[] DecodeDelta(byte[] baseModel, byte[] delta) => honest.DecodeDelta(baseModel, delta);

    public byte[] ApplyDelta(byte[] baseModel, ReadOnlySpan<float> delta) => honest.ApplyDelta(baseModel, delta);
}
