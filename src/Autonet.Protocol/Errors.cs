using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Autonet.Core.Ids;
using Autonet.Protocol.Aggregation;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol;

/// <summary>Throw helpers for Autonet.Protocol: every message names the rule, the value and the bound.</summary>
internal static class Errors
{
    [DoesNotReturn]
    public static AggregationRule UnknownRule(string? text) =>
        throw new ProtocolException($"unknown aggregation rule '{text}': expected one of {AggregationRuleNames.Expected}");

    [DoesNotReturn]
    public static void Option(string option, string value, string rule) =>
        throw new ProtocolException($"aggregation option {option} = {value} is invalid: {rule}");

    [DoesNotReturn]
    public static void NoUpdates(AggregationRule rule) =>
        throw new ProtocolException($"{Name(rule)}: no updates to aggregate (n = 0); a round needs at least one accepted update");

    [DoesNotReturn]
    public static void NoPositiveScore(AggregationRule rule, int count) =>
        throw new ProtocolException($"{Name(rule)}: all {count} updates have consensus score 0; nothing can be aggregated");

    [DoesNotReturn]
    public static void Precondition(AggregationRule rule, int count, string bound) =>
        throw new ProtocolException($"{Name(rule)}: precondition {bound} does not hold for n = {count} updates with a positive score");

    [DoesNotReturn]
    public static void DuplicateSolver(Address solver) =>
        throw new ProtocolException($"aggregation: solver {solver} has more than one update; each solver contributes at most one per round");

    [DoesNotReturn]
    public static void LengthMismatch(Address solver, int length, Address first, int expected) =>
        throw new ProtocolException($"aggregation: update from solver {solver} has {length} values, but solver {first} has {expected}; all deltas of a round must have the same length");

    [DoesNotReturn]
    public static void EmptyDelta(Address solver) =>
        throw new ProtocolException($"aggregation: update from solver {solver} is empty (0 values)");

    [DoesNotReturn]
    public static void NonFinite(Address solver, int index, float value) =>
        throw new ProtocolException($"aggregation: update from solver {solver} has non-finite value {value.ToString(CultureInfo.InvariantCulture)} at index {index}; deltas must be finite");

    [DoesNotReturn]
    public static void BadScore(Address solver, double score) =>
        throw new ProtocolException($"aggregation: update from solver {solver} has consensus score {score.ToString("R", CultureInfo.InvariantCulture)}; scores must be finite and >= 0");

    [DoesNotReturn]
    public static TaskView NothingToRebuild(Address account, ulong taskId) =>
        throw new ProtocolException($"challenger {account}: task {taskId} has a published model but was never finalized (cancelled, or no such task): there are no accepted deltas to rebuild it from");

    [DoesNotReturn]
    public static TaskView TaskNotFound(string role, Address account, ulong taskId) =>
        throw new ProtocolException($"{role} {account}: task {taskId} does not exist on chain");

    [DoesNotReturn]
    public static byte[] BlobMissing(string role, Address account, string what, ContentId id, ulong taskId) =>
        throw new ProtocolException($"{role} {account}: {what} {id} of task {taskId} is not in the blob store");

    [DoesNotReturn]
    public static void BadBaseModel(string role, Address account, ContentId id, ulong taskId, string reason) =>
        throw new ProtocolException($"{role} {account}: base model {id} of task {taskId} cannot be used: {reason}");

    [DoesNotReturn]
    public static T NotProposer<T>(Address account, ulong taskId) =>
        throw new ProtocolException($"proposer {account}: no saved validation set for task {taskId}; only the node that proposed a task can reveal it");

    [DoesNotReturn]
    public static void NoUsableDelta(Address account, ulong taskId, int accepted, IEnumerable<string> rejected) =>
        throw new ProtocolException($"aggregator {account}: task {taskId} has no usable accepted delta ({accepted} accepted; {string.Join("; ", rejected)})");

    private static string Name(AggregationRule rule) => AggregationRuleNames.ToName(rule);
}
