using Autonet.Core;
using Autonet.Storage.Erasure;
using Autonet.Storage.Sharding;

namespace Autonet.Storage.Tests.Sharding;

public class ModelSharderTests
{
    [Fact]
    public void Join_RandomSizesAndLosses_RestoresBitExact()
    {
        var random = new Random(21);
        for (var trial = 0; trial < 40; trial++)
        {
            var k = random.Next(1, 11);
            var m = random.Next(0, 5);
            var content = ShardManifestTests.Bytes(random.Next(0, 5000), seed: trial);
            var sharded = ModelSharder.Split(content, k, m);
            var shards = sharded.Shards.Select(s => (byte[]?)s.ToArray()).ToArray();
            foreach (var index in Enumerable.Range(0, k + m).OrderBy(_ => random.Next()).Take(random.Next(0, m + 1)))
            {
                shards[index] = null;
            }

            Assert.Equal(content, ModelSharder.Join(sharded.Manifest, shards));
        }
    }

    [Fact]
    public void Join_TooFewShards_ThrowsInsufficient()
    {
        var sharded = ModelSharder.Split(ShardManifestTests.Bytes(100), 3, 1);
        byte[]?[] shards = [null, null, sharded.Shards[2], sharded.Shards[3]];
        Assert.Throws<InsufficientShardsException>(() => ModelSharder.Join(sharded.Manifest, shards));
    }

    [Fact]
    public void Join_WrongDataShard_ThrowsContentMismatch()
    {
        var sharded = ModelSharder.Split(ShardManifestTests.Bytes(100), 3, 1);
        var shards = sharded.Shards.Select(s => (byte[]?)s.ToArray()).ToArray();
        shards[1]![0] ^= 1;
        Assert.Throws<ContentMismatchException>(() => ModelSharder.Join(sharded.Manifest, shards));
    }

    [Fact]
    public void Split_LastShard_IsZeroPadded()
    {
        var sharded = ModelSharder.Split([1, 2, 3, 4, 5], 2, 1);
        Assert.Equal(new byte[] { 1, 2, 3 }, sharded.Shards[0]);
        Assert.Equal(new byte[] { 4, 5, 0 }, sharded.Shards[1]);
        Assert.Equal(5, sharded.Manifest.OriginalLength);
    }
}
