using Autonet.Core.Ids;

namespace Autonet.Protocol.Ports;

/// <summary>
/// What a challenger needs from ModelChallenges, as one node's signed account sees it: the challenge window of a task's
/// published model, and the three actions on it. Every rule (who may challenge or vote, the windows, the bonds, how a
/// challenge resolves) stays in Solidity; a refused transaction surfaces as an exception from the implementation.
/// </summary>
public interface IModelChallengeChain
{
    /// <summary>This node's account, the sender of every transaction.</summary>
    Address Account { get; }

    /// <summary>The challenge window of the model published for <paramref name="taskId"/>; null while none is published.</summary>
    Task<PublicationView?> ReadPublicationAsync(ulong taskId, CancellationToken cancellationToken);

    /// <summary>Challenges the task's published model with the one this node rebuilt and placed (posting the challenge bond).</summary>
    Task ChallengeAsync(ulong taskId, ContentId model, Hash32 merkleRoot, CancellationToken cancellationToken);

    /// <summary>A coordinator's vote on challenge <paramref name="index"/>: upheld when its own rebuild gave the challenger's model.</summary>
    Task VoteAsync(ulong taskId, int index, bool upheld, CancellationToken cancellationToken);

    /// <summary>Anyone's duty once every deadline passed: resolves the challenges and makes the model final.</summary>
    Task SettleAsync(ulong taskId, CancellationToken cancellationToken);
}
