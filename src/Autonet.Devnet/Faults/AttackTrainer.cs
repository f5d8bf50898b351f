// A Byzantine solver for experiments (`--byzantine N --attack ...`, SolverAttack): trains honestly, then corrupts its
// delta: signflip (-10 x delta), scale (+10 x delta), noise (Gaussian with 10 x the delta's RMS per value), and for
// the bad-input scenarios nan (one NaN value) and shape (MisshapenDeltaCodec writes the first tensor flattened to 1-D).
using Autonet.Core.Randomness;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>Wraps an honest trainer and corrupts every delta it produces.</summary>
public sealed class AttackTrainer(IDeltaTrainer honest, SolverAttack attack, ulong seed) : IDeltaTrainer
{
    public async Task<float[]> TrainAsync(IModel baseModel, string trainingSpec, CancellationToken cancellationToken)
    {
        var values = await honest.TrainAsync(baseModel, trainingSpec, cancellationToken).ConfigureAwait(false);
        if (attack == SolverAttack.WrongShape)
        {
            return values; // honest values; MisshapenDeltaCodec writes them with a wrong shape
        }
        if (attack == SolverAttack.Nan)
        {
            values[values.Length / 2] = float.NaN;
            return values;
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
        return values;
    }
}
