namespace Autonet.Protocol.Aggregation;

/// <summary>
/// The aggregated delta and one <see cref="UpdateOutcome"/> per input update, in solver order.
/// The same updates and options give the same bytes, whatever order the updates came in.
/// </summary>
public sealed class AggregationResult
{
    internal AggregationResult(AggregationRule rule, float[] aggregate, IReadOnlyList<UpdateOutcome> outcomes)
    {
        Rule = rule;
        Aggregate = aggregate;
        Outcomes = outcomes;
    }

    /// <summary>The rule that produced <see cref="Aggregate"/>.</summary>
    public AggregationRule Rule { get; }

    /// <summary>The combined delta, the same length as every input.</summary>
    public float[] Aggregate { get; }

    /// <summary>One entry per input update, ordered by solver address.</summary>
    public IReadOnlyList<UpdateOutcome> Outcomes { get; }

    /// <summary>The updates left out (zero score or not selected by Krum).</summary>
    public IEnumerable<UpdateOutcome> Excluded => Outcomes.Where(o => !o.Included);

    /// <summary>The updates the norm bound scaled down.</summary>
    public IEnumerable<UpdateOutcome> Clipped => Outcomes.Where(o => o.Clipped);
}
