// A devnet node's misbehaviour (devnet.json) as the decorator Autonet.Node's roles accept: the fault chains and
// attack trainers of this folder wrapped around the node's honest chain view, trainer and codec.
using Autonet.Node;
using Autonet.Node.Adapters;
using Autonet.Node.Roles;
using Autonet.Protocol.Ports;
using Microsoft.Extensions.Logging;

namespace Autonet.Devnet.Faults;

/// <summary>Turns a devnet node's misbehaviour into the <see cref="RoleDecorator"/> that gives the node its fault.</summary>
public static class NodeFaults
{
    /// <summary>The decorator of the node whose home is <paramref name="home"/>; null when it has no devnet.json.</summary>
    /// <exception cref="FormatException">devnet.json is not valid.</exception>
    public static RoleDecorator? Load(NodeHome home, ILoggerFactory logs)
    {
        ArgumentNullException.ThrowIfNull(logs);
        return For(DevnetConfig.Load(home), logs.CreateLogger("Autonet.Devnet.Faults"));
    }

    /// <summary>The decorator for <paramref name="faults"/>; null for an honest node (no faults, or none that wraps anything).</summary>
    public static RoleDecorator? For(DevnetConfig? faults, ILogger logger)
    {
        if (faults is null)
        {
            return null;
        }
        if (faults.PlantsFor is { } planted)
        {
            return Network.PlanterDuty.Decorate(For(faults with { PlantsFor = null }, logger), planted);
        }
        if (faults.Planter)
        {
            return new RoleDecorator(
                Chain: chain => new PlantRoundChain(Contract(chain, "a planter account"), faults.PlantRound) { Joins = faults.PlantJoins },
                Trainer: (honest, _, _) => new ForcedErrorTrainer(honest));
        }
        if (faults.ProposerFault is { } proposer)
        {
            return proposer switch
            {
                ProposerFault.NeverOpen => new RoleDecorator(Chain: chain => new SilentChain(chain, SilentChain.Withheld.OpenCommits)),
                ProposerFault.NeverReveal => new RoleDecorator(Chain: chain => new SilentChain(chain, SilentChain.Withheld.GroundTruthReveal)),
                _ => null, // nan- and wrong-shape-validation: the run hands the proposer a bad set; nothing to wrap
            };
        }
        if (faults.AggregatorFault is { } aggregator)
        {
            return aggregator == AggregatorFault.PublishWrong
                ? new RoleDecorator(Codec: _ => new WrongAggregateCodec())
                : new RoleDecorator(Chain: chain => new RepublishChain(chain));
        }
        if (faults.Attack is { } attack)
        {
            return attack switch
            {
                SolverAttack.Replay or SolverAttack.TrainOnValidation =>
                    new RoleDecorator(Trainer: (honest, chain, blobs) => new PreviousTaskTrainer(honest, chain, blobs, attack, faults.AttackSeed)),
                SolverAttack.SlotFill => new RoleDecorator(
                    Chain: chain => new SilentChain(chain, SilentChain.Withheld.SolutionReveal),
                    Trainer: (honest, _, _) => new AttackTrainer(honest, attack, faults.AttackSeed)),
                SolverAttack.BadReveal => new RoleDecorator(
                    Trainer: (honest, _, _) => new AttackTrainer(honest, attack, faults.AttackSeed),
                    Codec: _ => new GarbageDeltaCodec(faults.AttackSeed)),
                _ => new RoleDecorator(
                    Trainer: (honest, _, _) => new AttackTrainer(honest, attack, faults.AttackSeed),
                    Codec: attack == SolverAttack.WrongShape ? _ => new MisshapenDeltaCodec() : null),
            };
        }
        return (faults.SolverFault, faults.CoordinatorFault) switch
        {
            (SolverFault.RevealMismatch, _) => new RoleDecorator(Chain: chain => new MismatchedRevealChain(chain)),
            (SolverFault.Copy, _) => new RoleDecorator(Chain: chain => new CopiedRevealChain(chain)),
            (SolverFault.CrashAfterCommit, _) => new RoleDecorator(Chain: chain => new CrashAfterCommitChain(chain, logger)),
            (_, CoordinatorFault.Lazy) => new RoleDecorator(Chain: chain => new ApproveAllChain(chain)),
            (_, CoordinatorFault.ZeroAll) => new RoleDecorator(Chain: chain => new ZeroAllChain(chain)),
            (_, CoordinatorFault.ZeroOne) => new RoleDecorator(Chain: chain => new ZeroOneChain(chain)),
            (_, CoordinatorFault.FlatVote) => new RoleDecorator(Chain: chain => new FlatVoteChain(chain)),
            (_, CoordinatorFault.SybilFill) => new RoleDecorator(Chain: chain => new SybilFillChain(chain)),
            (_, CoordinatorFault.CopyVotes) => new RoleDecorator(Chain: chain => new CopiedVoteChain(chain, RevealedScores(Contract(chain, "a vote copier")))),
            (_, CoordinatorFault.NormFilter) => new RoleDecorator(Scorer: honest => new NormOnlyScorer(honest)),
            _ => null, // corrupt-blob (the run alters the stored file) and unreachable-gateway (its storage.gateways) wrap nothing
        };
    }

    // The faults that read or filter by what only the contracts' bindings expose need the node's contract chain view.
    private static ContractChain Contract(IChain chain, string who) =>
        chain as ContractChain ?? throw new InvalidOperationException($"{who} needs the node's contract chain view, got {chain.GetType().Name}");

    private static Func<ulong, Core.Ids.Address, CancellationToken, Task<IReadOnlyList<ushort>>> RevealedScores(ContractChain chain) =>
        (taskId, coordinator, ct) => chain.Contracts.Rewards.ScoresOfAsync(taskId, coordinator, ct);
}
