using System.Numerics;
using Autonet.Chain.Contracts;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;

namespace Autonet.Chain.Tests.Anvil;

/// <summary>A 2 + 1 shard model: Merkle-proven announcements, availability, and the failure paths.</summary>
[Collection(SystemCollection.Name)]
public class ModelShardRegistryTests(SystemFixture fixture) : SystemTestBase(fixture)
{
    [Fact]
    public async Task Announce_ValidProofs_MakesModelRecoverable()
    {
        var shards = Fixture.Contracts.Shards;
        var hashes = Enumerable.Range(0, 3).Select(i => Keccak256.Hash([(byte)i])).ToArray();
        var (root, proofs) = await BuildTreeAsync(hashes);
        var modelId = await shards.RegisterModelAsync(Fixture.Owner, "bafy-model", root, 2, 1, None);

        var provider = Fixture.Solvers[0];
        var unstaked = await Assert.ThrowsAsync<ChainException>(() => shards.AnnounceShardAsync(provider, modelId, 0, hashes[0], proofs[0], None));
        Assert.Equal("ProviderStakeTooLow", unstaked.Revert?.Name);

        await shards.StakeProviderAsync(provider, Atn.Units(200), None);
        Assert.True(await shards.VerifyShardAsync(modelId, 1, hashes[1], proofs[1], None));
        Assert.False(await shards.VerifyShardAsync(modelId, 1, hashes[0], proofs[1], None));

        var forged = await Assert.ThrowsAsync<ChainException>(() => shards.AnnounceShardAsync(provider, modelId, 1, hashes[0], proofs[1], None));
        Assert.Equal("InvalidShardProof", forged.Revert?.Name);

        await shards.AnnounceShardAsync(provider, modelId, 0, hashes[0], proofs[0], None);
        Assert.False(await shards.IsRecoverableAsync(modelId, None));
        await shards.AnnounceShardAsync(provider, modelId, 2, hashes[2], proofs[2], None);
        Assert.True(await shards.IsRecoverableAsync(modelId, None));
        Assert.Equal((new BigInteger(2), new BigInteger(2), new BigInteger(3)), await shards.AvailabilityAsync(modelId, None));

        var outOfRange = await Assert.ThrowsAsync<ChainException>(() => shards.AnnounceShardAsync(provider, modelId, 3, hashes[0], proofs[0], None));
        Assert.Equal("ShardIndexOutOfRange", outOfRange.Revert?.Name);
    }

    // OpenZeppelin MerkleProof: a parent is keccak256 of the sorted pair; an odd node is carried up unchanged.
    private async Task<(Hash32 Root, List<Hash32>[] Proofs)> BuildTreeAsync(Hash32[] shardHashes)
    {
        var level = new List<Hash32>();
        for (var i = 0; i < shardHashes.Length; i++)
        {
            level.Add(await Fixture.Contracts.Shards.ShardLeafAsync(i, shardHashes[i], None));
        }
        var proofs = shardHashes.Select(_ => new List<Hash32>()).ToArray();
        var positions = Enumerable.Range(0, shardHashes.Length).ToArray();
        while (level.Count > 1)
        {
            for (var leaf = 0; leaf < positions.Length; leaf++)
            {
                var sibling = positions[leaf] ^ 1;
                if (sibling < level.Count)
                {
                    proofs[leaf].Add(level[sibling]);
                }
                positions[leaf] /= 2;
            }
            var next = new List<Hash32>();
            for (var i = 0; i < level.Count; i += 2)
            {
                next.Add(i + 1 < level.Count ? Pair(level[i], level[i + 1]) : level[i]);
            }
            level = next;
        }
        return (level[0], proofs);
    }

    private static Hash32 Pair(Hash32 a, Hash32 b) => a < b ? Keccak256.Hash(a.ToArray(), b.ToArray()) : Keccak256.Hash(b.ToArray(), a.ToArray());
}
