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

    /// <summary>
    /// The round's plant account never commits its plant, as one that missed the commit window on a loaded machine
    /// would (or a planter sparing every coordinator): after the votes the planter abandons the plant
    /// (ForcedErrorRegistry.abandon), nobody is judged and the task settles without waiting FORCED_REVEAL_GRACE.
    /// </summary>
    Withhold,
}
