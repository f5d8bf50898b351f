using System.Buffers.Binary;
using Autonet.Core.Hashing;
using Autonet.Core.Ids;
using Autonet.Storage.Merkle;

namespace Autonet.Storage.Sharding;

/// <summary>
/// What a fetcher needs to rebuild a sharded model: the code (k + m), the original length (the last data shard
/// is zero-padded), the SHA-256 of the whole file, each shard's SHA-256 (so its content id) and the Merkle root
/// over the shard leaves. Binary, big-endian, starting with the magic "ANSM" and a version (layout in <see cref="Encode"/>).
/// </summary>
public sealed class ShardManifest
{
    /// <summary>The current format version.</summary>
    public const ushort Version = 1;

    private const int HeaderBytes = 4 + 2 + 2 + 2 + 2 + 8 + 4 + 32 + 32;
    private static readonly byte[] Magic = "ANSM"u8.ToArray();
    private MerkleTree? _tree;

    /// <summary>A manifest; use <see cref="ModelSharder.Split"/> or <see cref="Decode"/> rather than this directly.</summary>
    internal ShardManifest(int dataShards, int parityShards, long originalLength, int shardSize, Hash32 contentSha256, IReadOnlyList<Hash32> shardHashes)
    {
        DataShards = dataShards;
        ParityShards = parityShards;
        OriginalLength = originalLength;
        ShardSize = shardSize;
        ContentSha256 = contentSha256;
        ShardHashes = shardHashes;
        MerkleRoot = Tree.Root;
    }

    public int DataShards { get; }

    public int ParityShards { get; }

    public int TotalShards => DataShards + ParityShards;

    /// <summary>The model file's length before padding.</summary>
    public long OriginalLength { get; }

    /// <summary>Bytes per shard: ceil(length / k).</summary>
    public int ShardSize { get; }

    /// <summary>SHA-256 of the whole model file; <see cref="Content"/> is its content id.</summary>
    public Hash32 ContentSha256 { get; }

    public ContentId Content => new(ContentSha256);

    /// <summary>SHA-256 of each shard, data first then parity.</summary>
    public IReadOnlyList<Hash32> ShardHashes { get; }

    /// <summary>The root over <see cref="ShardLeaf"/>(i, ShardHashes[i]); what goes on chain.</summary>
    public Hash32 MerkleRoot { get; }

    private MerkleTree Tree => _tree ??= new MerkleTree([.. ShardHashes.Select((hash, i) => ShardLeaf.Hash(i, hash))]);

    /// <summary>The length of an encoded manifest of <paramref name="totalShards"/> shards: the most a fetcher reads for one.</summary>
    public static int EncodedLength(int totalShards) => HeaderBytes + (32 * totalShards);

    /// <summary>The content id of shard <paramref name="index"/>.</summary>
    public ContentId ShardId(int index) => new(ShardHashes[index]);

    /// <summary>The Merkle proof of shard <paramref name="index"/> against <see cref="MerkleRoot"/>.</summary>
    public Hash32[] Proof(int index) => Tree.Proof(index);

    /// <summary>
    /// Checks fetched bytes for shard <paramref name="index"/>: the size, then the Merkle proof of
    /// leaf(index, sha256(bytes)) against <paramref name="root"/> (the on-chain root, or this manifest's).
    /// </summary>
    public bool VerifyShard(int index, ReadOnlySpan<byte> shard, Hash32 root, out string problem)
    {
        if (shard.Length != ShardSize)
        {
            problem = $"shard {index} has {shard.Length} bytes, the manifest says {ShardSize}";
            return false;
        }

        var leaf = ShardLeaf.Hash(index, Sha256.Hash(shard));
        if (!MerkleTree.Verify(Proof(index), root, leaf))
        {
            problem = $"shard {index} fails its Merkle proof against root {root}";
            return false;
        }

        problem = "";
        return true;
    }

    /// <summary>
    /// "ANSM", u16 version, u16 k, u16 m, u16 reserved (0), u64 original length, u32 shard size,
    /// 32-byte content SHA-256, 32-byte Merkle root, then k + m shard SHA-256s; all big-endian.
    /// </summary>
    public byte[] Encode()
    {
        var bytes = new byte[HeaderBytes + (32 * TotalShards)];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], Version);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)DataShards);
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)ParityShards);
        BinaryPrimitives.WriteInt64BigEndian(span[12..], OriginalLength);
        BinaryPrimitives.WriteInt32BigEndian(span[20..], ShardSize);
        ContentSha256.CopyTo(span[24..]);
        MerkleRoot.CopyTo(span[56..]);
        for (var i = 0; i < TotalShards; i++)
        {
            ShardHashes[i].CopyTo(span[(HeaderBytes + (32 * i))..]);
        }

        return bytes;
    }

    /// <summary>Parses and checks a manifest.</summary>
    /// <exception cref="FormatException">Not a manifest, another version, or inconsistent fields.</exception>
    public static ShardManifest Decode(ReadOnlySpan<byte> bytes)
    {
        if (!TryDecode(bytes, out var manifest, out var problem))
        {
            Errors.Format("shard manifest", problem);
        }

        return manifest;
    }

    /// <summary>Parses untrusted bytes without throwing; <paramref name="problem"/> says what is wrong.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out ShardManifest manifest, out string problem)
    {
        manifest = null!; // unused when false is returned
        if (bytes.Length < HeaderBytes || !bytes[..4].SequenceEqual(Magic))
        {
            problem = "does not start with the magic 'ANSM'; is this the manifest id printed by 'autonet model publish'?";
            return false;
        }

        var version = BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]);
        if (version != Version)
        {
            problem = $"version {version}, this build reads version {Version}; upgrade autonet or republish the model";
            return false;
        }

        int k = BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]);
        int m = BinaryPrimitives.ReadUInt16BigEndian(bytes[8..]);
        var length = BinaryPrimitives.ReadInt64BigEndian(bytes[12..]);
        var shardSize = BinaryPrimitives.ReadInt32BigEndian(bytes[20..]);
        if (k < 1 || k + m > 256 || BinaryPrimitives.ReadUInt16BigEndian(bytes[10..]) != 0)
        {
            problem = $"code {k} + {m}: needs 1 <= k and k + m <= 256, and the reserved field 0";
            return false;
        }

        if (length < 0 || shardSize < 0 || shardSize != (length + k - 1) / k)
        {
            problem = $"shard size {shardSize} is not ceil({length} / {k})";
            return false;
        }

        if (bytes.Length != HeaderBytes + (32 * (k + m)))
        {
            problem = $"{bytes.Length} bytes, expected {HeaderBytes + (32 * (k + m))} for {k} + {m} shards";
            return false;
        }

        var hashes = new Hash32[k + m];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = new Hash32(bytes.Slice(HeaderBytes + (32 * i), 32));
        }

        manifest = new ShardManifest(k, m, length, shardSize, new Hash32(bytes.Slice(24, 32)), hashes);
        var stated = new Hash32(bytes.Slice(56, 32));
        if (manifest.MerkleRoot != stated)
        {
            problem = $"Merkle root {stated} does not match the shard hashes (they give {manifest.MerkleRoot})";
            return false;
        }

        problem = "";
        return true;
    }
}
