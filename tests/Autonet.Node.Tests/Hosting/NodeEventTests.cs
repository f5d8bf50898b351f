using Autonet.Core.Ids;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;

namespace Autonet.Node.Tests.Hosting;

/// <summary>Node event lines: one JSON object each, "event" first, enums in kebab case, and back to the same record.</summary>
public sealed class NodeEventTests
{
    private static readonly ContentId Model = ContentId.Of([1, 2, 3]);

    [Fact]
    public void ToLine_Outcome_IsOneJsonObjectWithEventFirst()
    {
        var outcome = new NodeOutcome { Role = NodeRole.Aggregator, TaskId = 3, State = OutcomeState.Published, Model = Model };

        var line = outcome.ToLine();

        Assert.Equal($$"""{"event":"outcome","role":"aggregator","taskId":3,"state":"published","model":"{{Model}}"}""", line);
    }

    [Fact]
    public void TryParse_OutcomeLine_RoundTrips()
    {
        var outcome = NodeOutcome.Failed(NodeRole.Solver, 7, "RevealMismatch(7)") with { Attempt = 2 };

        Assert.True(NodeEvent.TryParse(outcome.ToLine(), out var parsed, out _));

        Assert.Equal(outcome, parsed);
    }

    [Fact]
    public void TryParse_TransactionLine_RoundTrips()
    {
        var tx = new TxRecord(Address.Parse("0x00000000000000000000000000000000000000aa"), "commitSolution", 4, new Hash32(new byte[32]), 12, "51234");

        var line = tx.ToLine();

        Assert.StartsWith("""{"event":"tx","from":""", line, StringComparison.Ordinal);
        Assert.True(NodeEvent.TryParse(line, out var parsed, out _));
        Assert.Equal(tx, parsed);
    }

    [Theory]
    [InlineData("info: Autonet.Node[0] solver-1 task 3: committed", "not a JSON object")]
    [InlineData("""{"event":"gossip","taskId":3}""", "gossip")]
    [InlineData("""{"event":"outcome","role":"oracle","taskId":3,"state":"waiting"}""", "$.role")]
    [InlineData("{\"event\":", "")]
    // Found by the nodeevent fuzz target: an id that is not an id threw FormatException out of TryParse.
    [InlineData("""{"event":"tx","from":"0x00000000000000000000000000M00000000000AA","action":"a","taskId":4,"hash":"0x00","block":1,"gas":"1"}""", "'M' at position 26 is not a hex digit")]
    [InlineData("""{"event":"outcome","role":"aggregator","taskId":3,"state":"published","model":"bakkreiadsbmmn4waznesyuz3bjgrj33xzqhxrk6mz3ksq7meugrachh3qe"}""", "content id")]
    [InlineData("""{"event":"outcome","role":"solver","taskId":3,"state":"waiting","model":""}""", "content id")]
    // Enums are names only: an integer was read as an undefined role or state.
    [InlineData("""{"event":"outcome","role":9,"taskId":3,"state":"waiting"}""", "$.role")]
    [InlineData("""{"event":"outcome","role":"solver","taskId":3,"state":"7"}""", "$.state")]
    public void TryParse_NotANodeEvent_FalseWithReason(string line, string inReason)
    {
        Assert.False(NodeEvent.TryParse(line, out var parsed, out var reason));
        Assert.Null(parsed);
        Assert.Contains(inReason, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OutcomeState.Committed, "committed", null, "task 5: Committed: committed")]
    [InlineData(OutcomeState.NotJoined, null, null, "task 5: did not join")]
    [InlineData(OutcomeState.Waiting, "not finalized", null, "task 5: not finalized")]
    [InlineData(OutcomeState.Voted, null, 3, "task 5: 3 votes")]
    [InlineData(OutcomeState.GroundTruthRevealed, null, null, "task 5: ground truth revealed")]
    public void ToString_State_ReadsAsTheOldOutcomeLine(OutcomeState state, string? reason, int? votes, string expected) =>
        Assert.Equal(expected, new NodeOutcome { Role = NodeRole.Solver, TaskId = 5, State = state, Reason = reason, Votes = votes }.ToString());

    [Fact]
    public void ToString_RepeatedFailure_NamesTheAttempt() =>
        Assert.Equal("task 5: error: no gateway (attempt 3)", (NodeOutcome.Failed(NodeRole.Coordinator, 5, "no gateway") with { Attempt = 3 }).ToString());
}
