using System.Text;
using Autonet.Chain.Tests.Properties;
using Autonet.Core.Ids;
using Autonet.Node.Adapters;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;
using CsCheck;

namespace Autonet.Node.Tests.Properties;

/// <summary>
/// NodeEvent.TryParse, which the devnet runs on every line a node program prints, under the decoder contract of
/// issue 15: never throws over random and mutated lines, accepts only defined enum values, and allocates at most
/// 64 bytes per input byte plus 64 KiB.
/// </summary>
public class NodeEventContractTests
{
    [Fact]
    public void TryParse_AnyLine_NeverThrowsWithinAllocationBound()
    {
        byte[][] lines =
        [
            .. new NodeEvent[]
            {
                new NodeOutcome { Role = NodeRole.Aggregator, TaskId = 3, State = OutcomeState.Published, Model = ContentId.Of([1, 2, 3]) },
                NodeOutcome.Failed(NodeRole.Solver, 7, "RevealMismatch(7)") with { Attempt = 2 },
                new TxRecord(Address.Parse("0x00000000000000000000000000000000000000aa"), "commitSolution", 4, Hash32.Zero, 12, "51234"),
            }.Select(e => Encoding.UTF8.GetBytes(e.ToLine())),
        ];
        Mutation.Of(lines).Sample(input =>
        {
            var line = Encoding.UTF8.GetString(input);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var parsed = NodeEvent.TryParse(line, out var nodeEvent, out _);
            Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, (64L * input.Length) + (64 << 10));
            if (parsed && nodeEvent is NodeOutcome outcome)
            {
                Assert.True(Enum.IsDefined(outcome.Role) && Enum.IsDefined(outcome.State), line);
            }
        }, iter: 3000, threads: 1);
    }
}
