namespace Autonet.Protocol.Roles;

/// <summary>The verdicts a coordinator reached on one task, in the order it judged them.</summary>
public sealed record CoordinatorTaskState(ulong TaskId, IReadOnlyList<CoordinatorVerdict> Verdicts);
