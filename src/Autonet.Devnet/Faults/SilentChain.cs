using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Devnet.Faults;

/// <summary>
/// A participant that takes a step and then goes silent (the `slot-fill` solver, the `never-open` and `never-reveal`
/// proposers): the one action it withholds returns as if sent, and nothing reaches the chain. The contracts must then
/// keep the task moving (keepers open, cancel, close) and make the silence cost (a forfeited bond, a slashed stake).
/// </summary>
public sealed class SilentChain(IChain inner, SilentChain.Withheld withheld) : ForwardingChain(inner)
{
    /// <summary>The action a silent participant never sends.</summary>
    public enum Withheld
    {
        SolutionReveal,
        OpenCommits,
        GroundTruthReveal,
    }

    public override Task RevealSolutionAsync(ulong taskId, ContentId delta, Hash32 salt, CancellationToken cancellationToken) =>
        withheld == Withheld.SolutionReveal ? Task.CompletedTask : base.RevealSolutionAsync(taskId, delta, salt, cancellationToken);

    public override Task OpenCommitsAsync(ulong taskId, CancellationToken cancellationToken) =>
        withheld == Withheld.OpenCommits ? Task.CompletedTask : base.OpenCommitsAsync(taskId, cancellationToken);

    public override Task RevealGroundTruthAsync(ulong taskId, ContentId validationSet, Hash32 salt, CancellationToken cancellationToken) =>
        withheld == Withheld.GroundTruthReveal ? Task.CompletedTask : base.RevealGroundTruthAsync(taskId, validationSet, salt, cancellationToken);
}
