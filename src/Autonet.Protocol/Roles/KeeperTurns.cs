// Keeper turns. A keeper duty falls due for every node at once; if all sent it, all but one transaction would revert
// and waste its gas. So for each (task, duty) the task's participants (proposer, solvers, vote committers, voters)
// are ranked by keccak256(address ‖ taskId as 8 bytes big-endian ‖ duty name): the first ranked acts as soon as the
// duty is due, the k-th after k turns, and a node outside the task after all of them plus (its hash mod 8) turns.
// KeeperRole reads the chain again when a node's turn comes, so a duty an earlier turn did is not sent again. A turn
// must outlast a block, for the earlier turn's transaction to be mined before the next turn reads (config.yaml
// node.keeper_stagger_seconds, 2 s by default for 1 s blocks). Why ranks and not each node's hash mod N seconds: ten
// nodes with N = 10 share the lowest slot 42% of the time (a simulation of uniform slots); ranks within a task never tie.
using System.Buffers.Binary;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Roles;

/// <summary>When a node's turn at a keeper duty comes.</summary>
public sealed class KeeperTurns
{
    /// <summary>A node outside the task waits all participants' turns plus its hash modulo this many.</summary>
    public const int OutsiderSpread = 8;

    private readonly Address _account;
    private readonly TimeSpan _turn;

    /// <param name="account">The node's account.</param>
    /// <param name="turn">The length of one turn (at least the chain's block time).</param>
    public KeeperTurns(Address account, TimeSpan turn)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(turn, TimeSpan.Zero);
        (_account, _turn) = (account, turn);
    }

    /// <summary>The node's turn (0 first) at <paramref name="duty"/> of <paramref name="task"/>.</summary>
    public int TurnOf(TaskView task, string duty)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrEmpty(duty);
        var participants = ParticipantsOf(task);
        var ranked = participants.OrderBy(a => Rank(a, task.TaskId, duty)).ToList();
        var index = ranked.IndexOf(_account);
        return index >= 0 ? index : participants.Count + (Rank(_account, task.TaskId, duty).ToArray()[31] % OutsiderSpread);
    }

    /// <summary>The chain time after which the node takes <paramref name="duty"/>, due after <paramref name="dueAfter"/>.</summary>
    public DateTimeOffset TurnAfter(TaskView task, string duty, DateTimeOffset dueAfter) => dueAfter + (_turn * TurnOf(task, duty));

    /// <summary>keccak256(account ‖ taskId (8 bytes, big-endian) ‖ UTF-8 duty name).</summary>
    public static Hash32 Rank(Address account, ulong taskId, string duty)
    {
        ArgumentNullException.ThrowIfNull(duty);
        var name = System.Text.Encoding.UTF8.GetBytes(duty);
        var input = new byte[20 + 8 + name.Length];
        account.ToArray().CopyTo(input, 0);
        BinaryPrimitives.WriteUInt64BigEndian(input.AsSpan(20, 8), taskId);
        name.CopyTo(input, 28);
        return Keccak256.Hash(input);
    }

    /// <summary>The accounts a task knows: its proposer, solvers, vote committers and voters, each once.</summary>
    public static IReadOnlyList<Address> ParticipantsOf(TaskView task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return [.. new[] { task.Proposer }.Concat(task.Solutions.Select(s => s.Solver)).Concat(task.VoteCommitters).Concat(task.Voters).Distinct()];
    }
}
