namespace Autonet.Devnet.Faults;

/// <summary>
/// How one devnet solver misbehaves: an attack on its delta or a fault toward the chain or storage. Converts from
/// either enum, so a scenario writes <c>SolverFaults = [null, SolverAttack.Nan, SolverFault.Copy]</c>.
/// </summary>
public sealed record SolverMisbehaviour(SolverAttack? Attack, SolverFault? Fault)
{
    public static implicit operator SolverMisbehaviour(SolverAttack attack) => FromSolverAttack(attack);

    public static implicit operator SolverMisbehaviour(SolverFault fault) => FromSolverFault(fault);

    public static SolverMisbehaviour FromSolverAttack(SolverAttack attack) => new(attack, null);

    public static SolverMisbehaviour FromSolverFault(SolverFault fault) => new(null, fault);

    public override string ToString() => Attack is { } attack ? KebabNames.Of(attack) : Fault is { } fault ? KebabNames.Of(fault) : "honest";
}
