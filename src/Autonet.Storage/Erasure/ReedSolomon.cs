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

    /// <summary>Rebuilds every missing (null) shard from any k present ones, in place.</summary>
    /// <exception cref="InsufficientShardsException">Fewer than k shards are present.</exception>
    /// <exception cref="ArgumentException">Wrong number of slots, or present shards of unequal length.</exception>
    public void Reconstruct(byte[]?[] shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Length != TotalShards)
        {
            Errors.WrongShardArray(nameof(shards), shards.Length, TotalShards);
        }

        var present = new List<int>();
        var length = -1;
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

            present.Add(i);
        }

        if (present.Count < DataShards)
        {
            var missing = string.Join(", ", Enumerable.Range(0, TotalShards).Where(i => shards[i] is null));
            Errors.TooFewShards(present.Count, DataShards, missing);
        }

        var missingData = Enumerable.Range(0, DataShards).Where(i => shards[i] is null).ToArray();
        if (missingData.Length > 0)
        {
            // Rows of the encoding matrix for k present shards map the data to them; the inverse maps back.
            var chosen = present.Take(DataShards).ToArray();
            var decode = _encoding.SelectRows(chosen).Invert().SelectRows(missingData);
            var inputs = chosen.Select(i => shards[i]!).ToArray(); // non-null: chosen holds present indices only
            var outputs = missingData.Select(_ => new byte[length]).ToArray();
            Kernel.Multiply(decode.Cells, inputs, outputs, length);
            for (var j = 0; j < missingData.Length; j++)
            {
                shards[missingData[j]] = outputs[j];
            }
        }

        var missingParity = Enumerable.Range(DataShards, ParityShards).Where(i => shards[i] is null).ToArray();
        if (missingParity.Length > 0)
        {
            var rows = _encoding.SelectRows(missingParity);
            var data = shards[..DataShards].Select(shard => shard!).ToArray(); // non-null: data rebuilt above
            var outputs = missingParity.Select(_ => new byte[length]).ToArray();
            Kernel.Multiply(rows.Cells, data, outputs, length);
            for (var j = 0; j < missingParity.Length; j++)
            {
                shards[missingParity[j]] = outputs[j];
            }
        }
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
