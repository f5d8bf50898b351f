using System.Globalization;

namespace Autonet.Devnet.Network;

/// <summary>How one coordinator fared on a round's forced error (ForcedErrorRegistry's ForcedErrorCaught / ForcedErrorMissed events).</summary>
/// <param name="Coordinator">The coordinator's node name.</param>
/// <param name="Caught">It scored the planted solution at or below the registry's catch threshold.</param>
/// <param name="BasisPoints">The score it voted for the planted solution.</param>
/// <param name="SlashedAtn">The stake it lost for missing it; null when caught.</param>
public sealed record ForcedErrorReport(string Coordinator, bool Caught, uint BasisPoints, string? SlashedAtn)
{
    /// <summary>"coordinator-2 caught it (0 bp)", "coordinator-1 missed it (10000 bp), slashed 50 ATN".</summary>
    public override string ToString() => Caught
        ? string.Create(CultureInfo.InvariantCulture, $"{Coordinator} caught it ({BasisPoints} bp)")
        : string.Create(CultureInfo.InvariantCulture, $"{Coordinator} missed it ({BasisPoints} bp), slashed {SlashedAtn} ATN");
}
