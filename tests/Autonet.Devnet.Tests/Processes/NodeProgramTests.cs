using Autonet.Core.Ids;
using Autonet.Devnet.Processes;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;

namespace Autonet.Devnet.Tests.Processes;

/// <summary>A node program's output: transactions to the report, outcomes to the waiter, anything else ignored.</summary>
public sealed class NodeProgramTests
{
    [Fact]
    public void Read_EachKindOfLine_SortedByEvent()
    {
        var transactions = new List<TxRecord>();
        var tx = new TxRecord(Address.Parse("0x00000000000000000000000000000000000000aa"), "vote", 2, new Hash32(new byte[32]), 9, "1");
        var outcome = new NodeOutcome { Role = NodeRole.Coordinator, TaskId = 2, State = OutcomeState.Voted, Votes = 3 };

        Assert.Null(NodeProgram.Read(tx.ToLine(), transactions.Add));
        Assert.Equal(outcome, NodeProgram.Read(outcome.ToLine(), transactions.Add));
        Assert.Null(NodeProgram.Read("Unhandled exception. System.Exception: boom", transactions.Add));

        Assert.Equal([tx], transactions);
    }

    [Fact]
    public void Said_LastOutcomeAndLastErrors_JoinedInParentheses()
    {
        var last = new NodeOutcome { Role = NodeRole.Solver, TaskId = 2, State = OutcomeState.Committing, Reason = "committing" };

        Assert.Equal(" (task 2: Committing: committing | b | c)", NodeProgram.Said(last, ["a", "b", "c"]));
        Assert.Equal("", NodeProgram.Said(null, []));
    }
}
