namespace Autonet.Storage.Erasure;

/// <summary>
/// Systematic Reed-Solomon over GF(2^8): k data shards pass through unchanged, m parity shards are
/// Cauchy combinations of them, and any k of the k + m shards rebuild the rest bit for bit.
/// Shards are equal-length byte arrays; splitting a file into shards is <c>ModelSharder</c>'s job.
/// </summary>
public sealed class ReedSolomon
{
    private readonly GaloisMatrix _encoding;
    private readonly byte[] _parityRows;

    /// <summary>A codec for <paramref name="dataShards"/> + <paramref name="parityShards"/> shards.</summary>
    /// <param name="dataShards">k, at least 1.</param>
    /// <param name="parityShards">m, at least 0; k + m at most 256.</param>
    /// <param name="kernel">The multiply kernel; the fastest supported one when null.</param>
    public ReedSolomon(int dataShards, int parityShards, GaloisKernel? kernel = null)
    {
        if (dataShards < 1 || parityShards < 0 || dataShards + parityShards > 256)
        {
            Errors.ShardCount(dataShards < 1 ? nameof(dataShards) : nameof(parityShards), dataShards, parityShards);
        }

        Kernel = kernel ?? GaloisKernels.Best;
        if (!Kernel.IsSupported)
        {
            Errors.KernelUnsupported(Kernel.Name);
        }

        DataShards = dataShards;
        ParityShards = parityShards;
        _encoding = GaloisMatrix.Encoding(dataShards, parityShards);
        _parityRows = _encoding.Cells[(dataShards * dataShards)..].ToArray();
    }

    public int DataShards { get; }

    public int ParityShards { get; }

    public int TotalShards => DataShards + ParityShards;

    public GaloisKernel Kernel { get; }

    /// <summary>Computes the parity shards from the data shards, in place.</summary>
    /// <param name="shards">k + m arrays of one length: data first (read), then parity (overwritten).</param>
    /// <exception cref="ArgumentException">Wrong number of shards, a null shard, or unequal lengths.</exception>
    public void Encode(byte[][] shards)
    {
        var length = CheckAllPresent(shards);
        Kernel.Multiply(_parityRows, shards[..DataShards], shards[DataShards..], length);
    }

    /// <summary>True when every parity shard matches the data shards (detects corruption, not where).</summary>
    public bool Verify(byte[][] shards)
    {
        var length = CheckAllPresent(shards);
        var expected = new byte[ParityShards][];
        for (var i = 0; i < ParityShards; i++)
        {
            expected[i] = new byte[length];
        }

        Kernel.Multiply(_parityRows, shards[..DataShards], expected, length);
        for (var i = 0; i < ParityShards; i++)
        {
            if (!expected[i].AsSpan().SequenceEqual(shards[DataShards + i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Rebuilds every missing (null) shard from any k present ones, in place (new arrays for the missing).</summary>
    /// <exception cref="InsufficientShardsException">Fewer than k shards are present.</exception>
    /// <exception cref="ArgumentException">Wrong number of slots, or present shards of unequal length.</exception>
    public void Reconstruct(byte[]?[] shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Length != TotalShards)
        {
            Errors.WrongShardArray(nameof(shards), shards.Length, TotalShards);
        }

        var length = -1;
        Span<bool> present = stackalloc bool[TotalShards]; // at most 256 bytes
        for (var i = 0; i < shards.Length; i++)
        {
            if (shards[i] is not { } shard)
            {
                continue;
            }

            if (length < 0)
            {
                length = shard.Length;
            }
            else if (shard.Length != length)
            {
                Errors.ShardSize(nameof(shards), i, shard.Length, length);
            }

            present[i] = true;
        }

        CheckEnough(present);

        // Uninitialised: the kernel overwrites every byte, so zeroing them first would only cost a pass over memory.
        var filled = new byte[TotalShards][];
        for (var i = 0; i < shards.Length; i++)
        {
            filled[i] = shards[i] ?? GC.AllocateUninitializedArray<byte>(length);
        }

        Rebuild(filled, present);
        filled.CopyTo(shards, 0);
    }

    /// <summary>
    /// Rebuilds, into the caller's buffers, every shard whose <paramref name="present"/> flag is false from any k
    /// whose flag is true; allocates nothing but the decode matrix. Missing buffers may hold anything beforehand.
    /// </summary>
    /// <param name="shards">k + m arrays of one length, all non-null.</param>
    /// <param name="present">k + m flags: true where the shard holds good data, false where it is to be rebuilt.</param>
    /// <exception cref="InsufficientShardsException">Fewer than k flags are true.</exception>
    /// <exception cref="ArgumentException">Wrong number of slots or flags, a null shard, or unequal lengths.</exception>
    public void Reconstruct(byte[][] shards, ReadOnlySpan<bool> present)
    {
        CheckAllPresent(shards);
        if (present.Length != TotalShards)
        {
            Errors.WrongShardArray(nameof(present), present.Length, TotalShards);
        }

        CheckEnough(present);
        Rebuild(shards, present);
    }

    private void Rebuild(byte[][] shards, ReadOnlySpan<bool> present)
    {
        var length = shards[0].Length;
        var missingData = Missing(present, 0, DataShards);
        if (missingData.Length > 0)
        {
            // Rows of the encoding matrix for k present shards map the data to them; the inverse maps back.
            var chosen = new int[DataShards];
            for (int i = 0, taken = 0; taken < DataShards; i++)
            {
                if (present[i])
                {
                    chosen[taken++] = i;
                }
            }

            var decode = _encoding.SelectRows(chosen).Invert().SelectRows(missingData);
            Kernel.Multiply(decode.Cells, [.. chosen.Select(i => shards[i])], [.. missingData.Select(i => shards[i])], length);
        }

        // Every data shard is good now; the missing parity is its encoding rows applied to the data.
        var missingParity = Missing(present, DataShards, ParityShards);
        if (missingParity.Length > 0)
        {
            var rows = _encoding.SelectRows(missingParity);
            Kernel.Multiply(rows.Cells, shards[..DataShards], [.. missingParity.Select(i => shards[i])], length);
        }
    }

    private void CheckEnough(ReadOnlySpan<bool> present)
    {
        var missing = Missing(present, 0, TotalShards);
        if (TotalShards - missing.Length < DataShards)
        {
            Errors.TooFewShards(TotalShards - missing.Length, DataShards, string.Join(", ", missing));
        }
    }

    // The indices in [from, from + count) whose flag is false, ascending.
    private static int[] Missing(ReadOnlySpan<bool> present, int from, int count)
    {
        var missing = new List<int>();
        for (var i = from; i < from + count; i++)
        {
            if (!present[i])
            {
                missing.Add(i);
            }
        }

        return [.. missing];
    }

    private int CheckAllPresent(byte[][] shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Length != TotalShards)
        {
            Errors.WrongShardArray(nameof(shards), shards.Length, TotalShards);
        }

        for (var i = 0; i < shards.Length; i++)
        {
            if (shards[i] is null)
            {
                Errors.MissingShard(nameof(shards), i);
            }

            if (shards[i].Length != shards[0].Length)
            {
                Errors.ShardSize(nameof(shards), i, shards[i].Length, shards[0].Length);
            }
        }

        return shards[0].Length;
    }
}
