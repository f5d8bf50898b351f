// What `autonet node status` shows from the chain about one node: its stake in its role, the slashes it took, and per
// task of its project what it did there (proposed, committed, revealed, voted), its consensus score or agreement,
// and its reward, claimed and unclaimed. Everything is read through the typed bindings; nothing is recomputed here.
using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Core.Ids;
using Autonet.Node.Roles;

namespace Autonet.Node.Hosting;

/// <summary>A node's participation as the chain records it.</summary>
public sealed record Participation(Address Account, NodeRole Role, BigInteger Stake, bool Active, IReadOnlyList<Slash> Slashes, IReadOnlyList<TaskParticipation> Tasks)
{
    /// <summary>Reward earned over every task, in token units (wei of ATN).</summary>
    public BigInteger Earned => Tasks.Aggregate(BigInteger.Zero, (sum, t) => sum + t.Reward);

    /// <summary>Reward not claimed yet.</summary>
    public BigInteger Unclaimed => Tasks.Aggregate(BigInteger.Zero, (sum, t) => sum + t.Unclaimed);

    /// <summary>Reads <paramref name="account"/>'s participation in <paramref name="projectId"/> (one eth_call per fact, one log query for slashes).</summary>
    public static async Task<Participation> ReadAsync(AutonetSystem system, Address account, NodeRole role, ulong projectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(system);
        var stakingRole = role switch
        {
            NodeRole.Proposer => StakingRole.Proposer,
            NodeRole.Solver => StakingRole.Solver,
            NodeRole.Coordinator => StakingRole.Coordinator,
            NodeRole.Aggregator => StakingRole.Aggregator,
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, "a role that stakes: proposer, solver, coordinator or aggregator"),
        };
        var stake = await system.Staking.StakeOfAsync(account, stakingRole, cancellationToken).ConfigureAwait(false);
        var active = await system.Staking.IsActiveAsync(account, stakingRole, cancellationToken).ConfigureAwait(false);
        var slashes = (await system.Staking.Raw.QueryEventsAsync("Slashed", cancellationToken, fromBlock: 0).ConfigureAwait(false))
            .Where(e => (Address)e["account"] == account)
            .Select(e => new Slash((StakingRole)(byte)(BigInteger)e["role"], (BigInteger)e["amount"], new Hash32((byte[])e["reason"]), e.Log.BlockNumber))
            .ToList();
        var tasks = new List<TaskParticipation>();
        var count = (ulong)await system.Tasks.TaskCountAsync(cancellationToken).ConfigureAwait(false);
        for (var id = 1UL; id <= count; id++)
        {
            if ((ulong)await system.Tasks.ProjectOfAsync(id, cancellationToken).ConfigureAwait(false) != projectId)
            {
                continue;
            }
            var task = await system.Tasks.GetTaskAsync(id, cancellationToken).ConfigureAwait(false);
            var solution = (await system.Tasks.SolutionsOfAsync(id, cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Solver == account);
            var voted = (await system.Rewards.VotersOfAsync(id, cancellationToken).ConfigureAwait(false)).Contains(account);
            var proposed = task?.Proposer == account;
            if (!proposed && solution is null && !voted)
            {
                continue;
            }
            var settled = task?.State == TaskState.Settled;
            ushort? score = !settled ? null
                : solution is not null ? await system.Rewards.ConsensusOfAsync(id, account, cancellationToken).ConfigureAwait(false)
                : voted ? await system.Rewards.AgreementOfAsync(id, account, cancellationToken).ConfigureAwait(false)
                : null;
            tasks.Add(new TaskParticipation(
                id, task?.State ?? TaskState.None, proposed, solution is not null, solution?.Revealed is not null, voted, score,
                await system.Rewards.RewardOfAsync(id, account, cancellationToken).ConfigureAwait(false),
                await system.Rewards.UnclaimedOfAsync(id, account, cancellationToken).ConfigureAwait(false),
                solution is not null && settled && await system.Rewards.BondForfeitedAsync(id, account, cancellationToken).ConfigureAwait(false)));
        }
        return new Participation(account, role, stake, active, slashes, tasks);
    }
}

/// <summary>One slash of the node's stake (ParticipantStaking's Slashed event).</summary>
public sealed record Slash(StakingRole Role, BigInteger Amount, Hash32 Reason, ulong Block);

/// <summary>What the node did in one task. <see cref="Score"/> is its consensus score (a solver) or agreement (a coordinator), once settled.</summary>
public sealed record TaskParticipation(ulong TaskId, TaskState State, bool Proposed, bool Committed, bool Revealed, bool Voted, ushort? Score, BigInteger Reward, BigInteger Unclaimed, bool BondForfeited)
{
    /// <summary>The reward already claimed.</summary>
    public BigInteger Claimed => Reward - Unclaimed;
}
