// A storage provider's duties on chain, one step at a time (`autonet provider serve` runs it every poll beside the
// gateway): announce on ModelShardRegistry each shard an aggregator placed with it once its own store holds the bytes
// (proven against the model's root, chunk root equal to the placement's), and answer every open possession challenge
// against it with the drawn chunk (ModelShardRegistry.challengedChunk, recomputed from the challenge block's hash) and
// its proof. A shard it does not hold is reported, never announced or answered: the challenge then expires against it.
using System.Numerics;
using Autonet.Chain;
using Autonet.Chain.Contracts;
using Autonet.Chain.Crypto;
using Autonet.Core.Ids;
using Autonet.Storage.Blobs;
using Autonet.Storage.Possession;
using Autonet.Storage.Sharding;

namespace Autonet.Node.Storage;

/// <summary>What one <see cref="ProviderDuty.StepAsync"/> did.</summary>
public sealed record ProviderStep(IReadOnlyList<string> Announced, IReadOnlyList<BigInteger> Answered, IReadOnlyList<string> Problems);

/// <summary>Announces placed shards and answers possession challenges for one provider key over its local store.</summary>
public sealed class ProviderDuty(AutonetSystem system, SigningKey key, IBlobStore local)
{
    private readonly HashSet<BigInteger> _modelsDone = [];
    private readonly SortedSet<BigInteger> _challenges = [];
    private BigInteger _challengesSeen;

    /// <summary>Announces what is newly placed with this provider and answers what is newly challenged.</summary>
    public async Task<ProviderStep> StepAsync(CancellationToken cancellationToken)
    {
        var announced = new List<string>();
        var answered = new List<BigInteger>();
        var problems = new List<string>();
        await AnnounceAsync(announced, problems, cancellationToken).ConfigureAwait(false);
        await AnswerAsync(answered, problems, cancellationToken).ConfigureAwait(false);
        return new ProviderStep(announced, answered, problems);
    }

    private async Task AnnounceAsync(List<string> announced, List<string> problems, CancellationToken cancellationToken)
    {
        var count = await system.Shards.ModelCountAsync(cancellationToken).ConfigureAwait(false);
        for (BigInteger id = 1; id <= count; id++)
        {
            if (_modelsDone.Contains(id) || await system.Shards.PlacementOfAsync(id, cancellationToken).ConfigureAwait(false) is not { } placement)
            {
                continue; // done, or registered but not placed yet
            }
            _modelsDone.Add(id);
            for (var i = 0; i < placement.Providers.Count; i++)
            {
                if (placement.Providers[i] != key.Address
                    || (await system.Shards.ProvidersOfAsync(id, i, cancellationToken).ConfigureAwait(false)).Contains(key.Address))
                {
                    continue;
                }
                var (shard, manifest, problem) = await ReadShardAsync(id, i, placement, cancellationToken).ConfigureAwait(false);
                if (shard is null)
                {
                    problems.Add(problem!);
                    continue;
                }
                await system.Shards.AnnounceShardAsync(key, id, i, manifest!.ShardHashes[i], manifest.Proof(i), cancellationToken).ConfigureAwait(false);
                announced.Add($"model {id} shard {i}");
            }
        }
    }

    private async Task AnswerAsync(List<BigInteger> answered, List<string> problems, CancellationToken cancellationToken)
    {
        var count = await system.Shards.ChallengeCountAsync(cancellationToken).ConfigureAwait(false);
        for (var id = _challengesSeen + 1; id <= count; id++)
        {
            _challenges.Add(id);
        }
        _challengesSeen = count;
        foreach (var id in _challenges.ToArray())
        {
            var challenge = await system.Shards.ChallengeOfAsync(id, cancellationToken).ConfigureAwait(false);
            if (challenge.Provider != key.Address || challenge.State != PossessionState.Open)
            {
                _challenges.Remove(id);
                continue;
            }
            if (await system.Client.GetBlockHashAsync(challenge.BlockNumber, cancellationToken).ConfigureAwait(false) is not { } seed)
            {
                continue; // the challenge's block is not visible yet
            }
            _challenges.Remove(id);
            var placement = (await system.Shards.PlacementOfAsync(challenge.ModelId, cancellationToken).ConfigureAwait(false))!; // a challenge needs a placement
            var (shard, _, problem) = await ReadShardAsync(challenge.ModelId, challenge.ShardIndex, placement, cancellationToken).ConfigureAwait(false);
            if (shard is null)
            {
                problems.Add($"challenge {id}: cannot answer: {problem}");
                continue;
            }
            var chunk = ChunkTree.Drawn(seed, (ulong)id, shard.Length);
            try
            {
                await system.Shards.AnswerPossessionAsync(key, id, ChunkTree.Chunk(shard, chunk).ToArray(), new ChunkTree(shard).Proof(chunk), cancellationToken).ConfigureAwait(false);
                answered.Add(id);
            }
            catch (ChainException e) when (e.Revert is not null)
            {
                problems.Add($"challenge {id}: the answer was refused: {e.Message}");
            }
        }
    }

    // The shard from the local store, checked as the chain will check it: its Merkle proof against the model's root and
    // its chunk root against the placement's. Null with the reason when it is missing or wrong.
    private async Task<(byte[]? Shard, ShardManifest? Manifest, string? Problem)> ReadShardAsync(BigInteger modelId, int index, ShardPlacementRecord placement, CancellationToken cancellationToken)
    {
        var where = $"model {modelId} shard {index}";
        if (!ContentId.TryParse(placement.ManifestCid, out var manifestId))
        {
            return (null, null, $"{where}: the placement's manifest id '{placement.ManifestCid}' is not a CID");
        }
        var manifestBytes = await local.GetAsync(manifestId, ShardManifest.EncodedLength(placement.Providers.Count), cancellationToken).ConfigureAwait(false);
        if (manifestBytes is null)
        {
            return (null, null, $"{where}: this provider does not hold the manifest {manifestId}");
        }
        if (!ShardManifest.TryDecode(manifestBytes, out var manifest, out var decodeProblem))
        {
            return (null, null, $"{where}: the manifest {manifestId} is not valid: {decodeProblem}");
        }
        var root = (await system.Shards.GetModelAsync(modelId, cancellationToken).ConfigureAwait(false)).MerkleRoot;
        if (index >= manifest.TotalShards)
        {
            return (null, null, $"{where}: the manifest has {manifest.TotalShards} shards");
        }
        var shard = await local.GetAsync(manifest.ShardId(index), manifest.ShardSize, cancellationToken).ConfigureAwait(false);
        if (shard is null)
        {
            return (null, null, $"{where}: this provider does not hold {manifest.ShardId(index)} (lost, or never uploaded)");
        }
        if (!manifest.VerifyShard(index, shard, root, out var problem))
        {
            return (null, null, $"{where}: {problem}");
        }
        var chunkRoot = new ChunkTree(shard).Root;
        return chunkRoot == placement.ChunkRoots[index]
            ? (shard, manifest, null)
            : (null, null, $"{where}: its chunk root is {chunkRoot}, the placement says {placement.ChunkRoots[index]}: not announced");
    }
}
