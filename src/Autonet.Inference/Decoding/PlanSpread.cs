// How much of the K-vectors' variance moves with the context (law of total variance, per feature d):
//   total_d   = mean over (turn, j) of (x[t, j, d] - mean_{t, j} x[., ., d])^2
//   context_d = mean over j of var over turns of x[., j, d]   (what differs between contexts at one plan position)
//   position  = total - context                               (what only the plan position j explains)
// A plan whose context share is near 0 says the same thing for every conversation: the decoder cannot read the
// context from it. A diagnostic for `autonet decoder eval`; double precision, fixed order.
namespace Autonet.Inference.Decoding;

/// <summary>The share of K-vector variance that changes with the context (the rest is the plan position's).</summary>
public static class PlanSpread
{
    /// <summary>(context, total) variance summed over features, of plans of <paramref name="k"/> vectors.</summary>
    public static (double Context, double Total) Measure(IReadOnlyList<Turn> turns, int k)
    {
        ArgumentNullException.ThrowIfNull(turns);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (turns.Count < 2 || turns[0].Plan.Length % k != 0)
        {
            Errors.Argument(nameof(turns), $"need 2+ turns with plans of K x D floats (K = {k}); got {turns.Count} turns");
        }
        var p = turns[0].Plan.Length;
        var d = p / k;
        var mean = new double[p]; // (K, D): mean over turns at each plan position
        foreach (var turn in turns)
        {
            for (var i = 0; i < p; i++)
            {
                mean[i] += turn.Plan[i];
            }
        }
        for (var i = 0; i < p; i++)
        {
            mean[i] /= turns.Count;
        }
        var grand = new double[d]; // (D): mean over turns and positions
        for (var i = 0; i < p; i++)
        {
            grand[i % d] += mean[i] / k;
        }
        double context = 0, total = 0;
        foreach (var turn in turns)
        {
            for (var i = 0; i < p; i++)
            {
                var x = turn.Plan[i];
                context += (x - mean[i]) * (x - mean[i]);
                total += (x - grand[i % d]) * (x - grand[i % d]);
            }
        }
        var cells = (double)turns.Count * k;
        return (context / cells, total / cells);
    }
}
