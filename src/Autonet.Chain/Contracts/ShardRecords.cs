using System.Numerics;
using Autonet.Core.Ids;

namespace Autonet.Chain.Contracts;

/// <summary>A model on ModelShardRegistry: its CID (of the model bytes), shard Merkle root, code, distinct shards held and registrant.</summary>
public sealed record RegisteredModel(BigInteger ModelId, string Cid, Hash32 MerkleRoot, int DataShards, int ParityShards, int ShardsHeld, Address Registrant);

/// <summary>Where a model's shards were placed: the shard manifest's CID, the bytes per shard, provider i and chunk root i of shard i.</summary>
public sealed record ShardPlacementRecord(string ManifestCid, long ShardSize, IReadOnlyList<Address> Providers, IReadOnlyList<Hash32> ChunkRoots);

/// <summary>ModelShardRegistry.PossessionState.</summary>
public enum PossessionState
{
    /// <summary>No such challenge.</summary>
    None,

    /// <summary>Waiting for the provider's answer.</summary>
    Open,

    /// <summary>Answered with a chunk that proved against the shard's chunk root.</summary>
    Proven,

    /// <summary>Not answered by the deadline; the provider was slashed.</summary>
    Failed,
}

/// <summary>A possession challenge: which shard of which model, whom, by whom, from which block's hash, until when, and its state.</summary>
public sealed record PossessionChallengeRecord(
    BigInteger ChallengeId, BigInteger ModelId, int ShardIndex, Address Provider, Address Challenger, ulong BlockNumber, DateTimeOffset Deadline, PossessionState State);
