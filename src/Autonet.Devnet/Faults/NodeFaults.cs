// A devnet node's misbehaviour as the decorator Autonet.Node's roles accept: the fault chains and attack trainers of
// this folder wrapped around the node's honest chain view and trainer, chosen by the node's configured fault.
using Autonet.Node;
using Autonet.Node.Roles;

namespace Autonet.Devnet.Faults;

/// <summary>The faults a devnet node can have, and the decorator that gives a node its fault.</summary>
public static class NodeFaults
{
    /// <summary>
    /// Solver faults besides the attacks: reveal-mismatch, copy (reveals another solver's delta), crash-after-commit
    /// (its process is killed right after its commit), corrupt-blob (the storage provider serves altered bytes for
    /// its delta; the run, not the node, corrupts the stored file).
    /// </summary>
    public static IReadOnlyList<string> SolverFaults { get; } = ["reveal-mismatch", "copy", "crash-after-commit", "corrupt-blob"];

    /// <summary>Coordinator faults: lazy (votes 10000 bp for everything), unreachable-gateway (cannot fetch anything).</summary>
    public static IReadOnlyList<string> CoordinatorFaults { get; } = ["lazy", "unreachable-gateway"];

    /// <summary>The decorator of the node whose home is <paramref name="home"/>; null for an honest node.</summary>
    public static RoleDecorator? Load(NodeHome home) => For(NodeConfig.Load(home));

    /// <summary>The decorator for <paramref name="config"/>'s role and fault; null for an honest node.</summary>
    public static RoleDecorator? For(NodeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return (config.Role, config.Fault) switch
        {
            ("planter", _) => new RoleDecorator(Trainer: honest => new ForcedErrorTrainer(honest)),
            ("coordinator", "lazy") => new RoleDecorator(Chain: chain => new ApproveAllChain(chain)),
            ("solver", "reveal-mismatch") => new RoleDecorator(Chain: chain => new MismatchedRevealChain(chain)),
            ("solver", "copy") => new RoleDecorator(Chain: chain => new CopiedRevealChain(chain)),
            ("solver", "crash-after-commit") => new RoleDecorator(Chain: chain => new CrashAfterCommitChain(chain)),
            ("solver", { } attack) when !SolverFaults.Contains(attack) =>
                new RoleDecorator(Trainer: honest => new AttackTrainer(honest, AttackTrainer.Parse(attack), config.Seed + 99)),
            _ => null,
        };
    }

}
