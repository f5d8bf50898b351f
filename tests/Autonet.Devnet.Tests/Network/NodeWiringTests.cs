using Autonet.Devnet.Network;
using Autonet.Node.Hosting;
using Autonet.Node.Roles;

namespace Autonet.Devnet.Tests.Network;

/// <summary>When the run takes a daemon's outcome as the node's part of a phase: from typed fields only.</summary>
public sealed class NodeWiringTests
{
    private static NodeOutcome Outcome(NodeRole role, OutcomeState state, int? votes = null) =>
        new() { Role = role, TaskId = 1, State = state, Votes = votes };

    [Theory]
    [InlineData(OutcomeState.Committing, false)]
    [InlineData(OutcomeState.Committed, true)]
    [InlineData(OutcomeState.Revealed, true)]
    [InlineData(OutcomeState.Missed, true)]
    [InlineData(OutcomeState.NotJoined, true)]
    public void Done_SolverInTrainCommit_OnceCommittedOrPast(OutcomeState state, bool done) =>
        Assert.Equal(done, NodeWiring.Done(NodeRole.Solver, RoundPhase.TrainCommit, Outcome(NodeRole.Solver, state)));

    [Fact]
    public void Done_SolverInReveal_NotWhileOnlyCommitted()
    {
        Assert.False(NodeWiring.Done(NodeRole.Solver, RoundPhase.Reveal, Outcome(NodeRole.Solver, OutcomeState.Committed)));
        Assert.True(NodeWiring.Done(NodeRole.Solver, RoundPhase.Reveal, Outcome(NodeRole.Solver, OutcomeState.Revealed)));
    }

    [Fact]
    public void Done_OtherRoles_ByTheirState()
    {
        Assert.False(NodeWiring.Done(NodeRole.Proposer, RoundPhase.Reveal, Outcome(NodeRole.Proposer, OutcomeState.Waiting)));
        Assert.True(NodeWiring.Done(NodeRole.Proposer, RoundPhase.Reveal, Outcome(NodeRole.Proposer, OutcomeState.GroundTruthRevealed)));
        Assert.False(NodeWiring.Done(NodeRole.Coordinator, RoundPhase.VerifyVote, Outcome(NodeRole.Coordinator, OutcomeState.Waiting, votes: 0)));
        Assert.True(NodeWiring.Done(NodeRole.Coordinator, RoundPhase.VerifyVote, Outcome(NodeRole.Coordinator, OutcomeState.Voted, votes: 4)));
        Assert.False(NodeWiring.Done(NodeRole.Aggregator, RoundPhase.AggregatePublish, Outcome(NodeRole.Aggregator, OutcomeState.Waiting)));
        Assert.True(NodeWiring.Done(NodeRole.Aggregator, RoundPhase.AggregatePublish, Outcome(NodeRole.Aggregator, OutcomeState.Published)));
    }
}
