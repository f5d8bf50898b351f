using Autonet.Core.Hashing;
using Autonet.Core.Ids;
using Autonet.Storage.Erasure;

namespace Autonet.Storage.Sharding;

/// <summary>
/// Splits a model file (safetensors bytes, or any bytes) into k zero-padded data shards plus m Reed-Solomon parity
/// shards and describes them in a <see cref="ShardManifest"/>; joins verified shards back. In memory: files must fit.
/// </summary>
public static class ModelSharder
{
    /// <summary>Shards <paramref name="content"/> with a k + m code.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Bad k or m, or a shard would exceed 2 GiB.</exception>
    public static ShardedModel Split(ReadOnlySpan<byte> content, int dataShards, int parityShards, GaloisKernel? kernel = null)
    {
        var codec = new ReedSolomon(dataShards, parityShards, kernel);
        var shardSize = (int)(((long)content.Length + dataShards - 1) / dataShards);
        var shards = new byte[codec.TotalShards][];
        for (var i = 0; i < shards.Length; i++)
        {
            shards[i] = new byte[shardSize];
            if (i < dataShards)
            {
                var offset = (long)i * shardSize;
                var take = (int)Math.Clamp(content.Length - offset, 0, shardSize);
                content.Slice((int)Math.Min(offset, content.Length), take).CopyTo(shards[i]);
            }
        }

        codec.Encode(shards);
        var hashes = shards.Select(shard => Sha256.Hash(shard)).ToArray();
        var manifest = new ShardManifest(dataShards, parityShards, content.Length, shardSize, Sha256.Hash(content), hashes);
        return new ShardedModel(manifest, shards);
    }

    /// <summary>
    /// Rebuilds the file from shards (null where missing, at least k present and already verified), checking
    /// the result against the manifest's content hash.
    /// </summary>
    /// <exception cref="InsufficientShardsException">Fewer than k shards.</exception>
    /// <exception cref="Autonet.Core.ContentMismatchException">The rebuilt file does not hash to the manifest's content id.</exception>
    public static byte[] Join(ShardManifest manifest, byte[]?[] shards, GaloisKernel? kernel = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Take(manifest.DataShards).Any(shard => shard is null))
        {
            new ReedSolomon(manifest.DataShards, manifest.ParityShards, kernel).Reconstruct(shards);
        }

        var content = new byte[manifest.OriginalLength];
        for (var i = 0; i < manifest.DataShards; i++)
        {
            var offset = (long)i * manifest.ShardSize;
            var take = (int)Math.Clamp(content.Length - offset, 0, manifest.ShardSize);
            shards[i].AsSpan(0, take).CopyTo(content.AsSpan((int)Math.Min(offset, content.Length)));
        }

        var actual = ContentId.Of(content);
        if (actual != manifest.Content)
        {
            Errors.Mismatch(manifest.Content.ToString(), actual.ToString());
        }

        return content;
    }
}
