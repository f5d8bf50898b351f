namespace Autonet.Protocol.Roles;

/// <summary>
/// The verdicts a coordinator reached on one task, in the order it judged them, why it found the validation set
/// unusable (null when it could use it; then its batch flags the ground truth), and whether its batch of votes (one
/// score per revealed solution) is on chain.
/// </summary>
public sealed record CoordinatorTaskState(ulong TaskId, IReadOnlyList<CoordinatorVerdict> Verdicts, bool Submitted = false, string? BadGroundTruth = null);
