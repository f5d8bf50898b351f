namespace Autonet.Devnet.Faults;

/// <summary>How the forced-error planter misbehaves (`--planter-attack`).</summary>
public enum PlanterAttack
{
    /// <summary>
    /// After the votes, flags the first honest solver's solution as its plant instead of its own (ForcedErrorPlanter):
    /// the registry checks the flag against the digest committed before commits opened, refuses it (RevealMismatch),
    /// and the planter then reveals its real plant.
    /// </summary>
    Frame,
}
