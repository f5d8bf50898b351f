namespace Autonet.Protocol.Aggregation;

/// <summary>How a project combines the accepted deltas of a round. Wire names: see <see cref="AggregationRuleNames"/>.</summary>
public enum AggregationRule
{
    /// <summary>Score-weighted mean (McMahan et al. 2017, FedAvg). Not robust: one large update moves it anywhere.</summary>
    FedAvg,

    /// <summary>Coordinate-wise median (Yin et al. 2018), unweighted; tolerates fewer than half Byzantine updates.</summary>
    Median,

    /// <summary>Coordinate-wise trimmed mean (Yin et al. 2018): drop the t largest and t smallest per coordinate, average the rest.</summary>
    TrimmedMean,

    /// <summary>Krum / Multi-Krum (Blanchard et al. 2017): keep the m updates closest to their n - f - 2 neighbours, score-weighted mean of those.</summary>
    Krum,
}
