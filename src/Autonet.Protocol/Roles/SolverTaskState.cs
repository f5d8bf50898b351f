using Autonet.Core.Ids;

namespace Autonet.Protocol.Roles;

/// <summary>What a solver must not lose on one task: the delta's CID and the salt behind its commitment.</summary>
public sealed record SolverTaskState(ulong TaskId, SolverPhase Phase, ContentId Delta, Hash32 Salt, Hash32 Commitment, string Reason);
