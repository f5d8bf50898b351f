// A Byzantine solver for experiments (`--byzantine N --attack ...`, SolverAttack): trains honestly, then corrupts its
// delta: signflip (-10 x delta), scale (+10 x delta), noise (Gaussian with 10 x the delta's RMS per value), and for
// the bad-input scenarios nan (one NaN value) and shape (MisshapenDeltaCodec writes the first tensor flattened to 1-D);
// or, for the free-riders, never trains: zero (an all-zero delta) and tiny-noise (Gaussian noise of RMS 1e-7).
using Autonet.Core.Randomness;
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;
using Autonet.Training.Jepa;

namespace Autonet.Devnet.Faults;

/// <summary>Wraps an honest trainer and corrupts every delta it produces (or replaces it, for the free-riders).</summary>
public sealed class AttackTrainer(IDeltaTrainer honest, SolverAttack attack, ulong seed) : IDeltaTrainer
{
    /// <summary>RMS per value of the tiny-noise free-rider's delta.</summary>
    public const double TinyNoiseRms = 1e-7;

    public async Task<float[]> TrainAsync(IModel baseModel, TaskView task, CancellationToken cancellationToken)
    {
        if (attack is SolverAttack.Zero or SolverAttack.TinyNoise or SolverAttack.SlotFill or SolverAttack.BadReveal)
        {
            var count = ModelBytes.ParameterCount(JepaBase.Of(baseModel));
            var free = new float[count];
            var noise = new SeededRandom(seed);
            for (var i = 0; attack == SolverAttack.TinyNoise && i < free.Length; i++)
            {
                free[i] = (float)(TinyNoiseRms * noise.NextGaussian());
            }
            return free; // no training: what a free-rider (or a slot-filler, or a garbage reveal) commits to
        }
        var values = await honest.TrainAsync(baseModel, task, cancellationToken).ConfigureAwait(false);
        if (attack is SolverAttack.WrongShape or SolverAttack.DuplicateCid)
        {
            return values; // honest values; MisshapenDeltaCodec writes them with a wrong shape, or Sybils share them
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
