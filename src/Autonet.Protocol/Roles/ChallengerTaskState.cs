using Autonet.Core.Ids;

namespace Autonet.Protocol.Roles;

/// <summary>
/// A challenger's record of one task's published model: the CID it rebuilt, whether it challenged, how many challenges
/// it voted on, and whether the window has settled (nothing left to do).
/// </summary>
public sealed record ChallengerTaskState(ulong TaskId, ContentId Rebuilt, bool Challenged, int Votes, bool Settled);
