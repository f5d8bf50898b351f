using Autonet.Core.Ids;

namespace Autonet.Protocol.Roles;

/// <summary>What a proposer must not lose on one task: the hidden validation set's CID and its salt.</summary>
public sealed record ProposerTaskState(ulong? TaskId, ContentId ValidationSet, Hash32 Salt, Hash32 GroundTruthCommitment, bool Revealed);
