// Where a round's time went, from the chain: every transaction the daemons reported for the task, grouped by action
// (first and last block, their count), and the task's deadlines, each in chain seconds after the task's proposal
// (its proposeTask block; else its first transaction's). One mechanism for every role: whatever a node sends shows up.
// The gaps between entries are the phases: a commit deadline far after the last commit is a window waited out idle.
// It is not a wall clock: block timestamps have a resolution of one second (one block a second on a daemon run).
using System.Globalization;
using Autonet.Chain.Dev;
using Autonet.Chain.Rpc;
using Autonet.Node.Adapters;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Network;

/// <summary>One action of a round (or a deadline, in parentheses) in chain seconds after the task's proposal.</summary>
public sealed record TimelineEntry(string Action, int Count, long FirstSeconds, long LastSeconds)
{
    public override string ToString() => Count <= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{Action} {FirstSeconds}")
        : string.Create(CultureInfo.InvariantCulture, $"{Action} x{Count} {FirstSeconds}-{LastSeconds}");
}

/// <summary>Builds a round's <see cref="TimelineEntry"/> list from the chain.</summary>
internal static class RoundTimeline
{
    /// <summary>The task's transactions by action and its deadlines, in order of time.</summary>
    public static async Task<List<TimelineEntry>> ReadAsync(ChainClient client, TaskView task, IEnumerable<TxRecord> transactions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(task);
        var mine = transactions.Where(t => t.TaskId == task.TaskId).OrderBy(t => t.Block).ToList();
        if (mine.Count == 0)
        {
            return [];
        }
        var times = new Dictionary<ulong, long>();
        foreach (var block in mine.Select(t => t.Block).Distinct())
        {
            times[block] = (long)await client.GetBlockTimestampAsync(block, ct).ConfigureAwait(false);
        }
        var proposal = mine.FirstOrDefault(t => t.Action == "proposeTask") ?? mine[0];
        var zero = times[proposal.Block];
        var entries = mine.GroupBy(t => t.Action)
            .Select(g => new TimelineEntry(g.Key, g.Count(), times[g.First().Block] - zero, times[g.Last().Block] - zero)).ToList();
        void Deadline(string name, DateTimeOffset at)
        {
            if (at != DateTimeOffset.UnixEpoch)
            {
                entries.Add(new TimelineEntry($"({name} deadline)", 1, at.ToUnixTimeSeconds() - zero, at.ToUnixTimeSeconds() - zero));
            }
        }
        Deadline("commit", task.CommitDeadline);
        Deadline("reveal", task.RevealDeadline);
        Deadline("verify", task.VerifyDeadline);
        Deadline("vote-reveal", task.VoteRevealDeadline);
        return [.. entries.OrderBy(e => e.FirstSeconds).ThenBy(e => e.LastSeconds)];
    }
}
