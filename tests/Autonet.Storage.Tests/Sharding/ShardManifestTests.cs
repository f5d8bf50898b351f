using Autonet.Storage.Sharding;

namespace Autonet.Storage.Tests.Sharding;

public class ShardManifestTests
{
    [Fact]
    public void Decode_Encoded_RoundTrips()
    {
        var manifest = ModelSharder.Split(Bytes(1001), 4, 2).Manifest;
        var decoded = ShardManifest.Decode(manifest.Encode());
        Assert.Equal(manifest.Encode(), decoded.Encode());
        Assert.Equal(1001, decoded.OriginalLength);
        Assert.Equal(251, decoded.ShardSize);
        Assert.Equal(manifest.MerkleRoot, decoded.MerkleRoot);
        Assert.Equal(manifest.Content, decoded.Content);
    }

    [Fact]
    public void Decode_WrongMagic_ThrowsWithHint()
    {
        var bytes = ModelSharder.Split(Bytes(10), 2, 1).Manifest.Encode();
        bytes[0] = (byte)'X';
        var error = Assert.Throws<FormatException>(() => ShardManifest.Decode(bytes));
        Assert.Contains("magic 'ANSM'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_OtherVersion_ThrowsNamingVersions()
    {
        var bytes = ModelSharder.Split(Bytes(10), 2, 1).Manifest.Encode();
        bytes[5] = 9;
        var error = Assert.Throws<FormatException>(() => ShardManifest.Decode(bytes));
        Assert.Contains("version 9, this build reads version 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TamperedShardHash_ThrowsRootMismatch()
    {
        var bytes = ModelSharder.Split(Bytes(100), 3, 2).Manifest.Encode();
        bytes[^1] ^= 1;
        var error = Assert.Throws<FormatException>(() => ShardManifest.Decode(bytes));
        Assert.Contains("does not match the shard hashes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Truncated_Throws()
    {
        var bytes = ModelSharder.Split(Bytes(100), 3, 2).Manifest.Encode();
        Assert.False(ShardManifest.TryDecode(bytes.AsSpan(0, bytes.Length - 32), out _, out var problem));
        Assert.Contains("expected", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyShard_CorruptedByte_FailsItsProof()
    {
        var sharded = ModelSharder.Split(Bytes(5000), 4, 2);
        var manifest = sharded.Manifest;
        Assert.True(manifest.VerifyShard(2, sharded.Shards[2], manifest.MerkleRoot, out _));
        var bad = sharded.Shards[2].ToArray();
        bad[17] ^= 0x80;
        Assert.False(manifest.VerifyShard(2, bad, manifest.MerkleRoot, out var problem));
        Assert.Contains("shard 2 fails its Merkle proof", problem, StringComparison.Ordinal);
        Assert.False(manifest.VerifyShard(3, sharded.Shards[2], manifest.MerkleRoot, out _));
    }

    internal static byte[] Bytes(int size, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
