using Autonet.Storage.Erasure;

namespace Autonet.Storage.Tests.Erasure;

public class ReedSolomonTests
{
    public static TheoryData<string> Kernels()
    {
        var data = new TheoryData<string>();
        foreach (var kernel in GaloisKernels.Supported)
        {
            data.Add(kernel.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Reconstruct_RandomLossUpToParity_RestoresBitExact(string name)
    {
        var kernel = GaloisKernels.Supported.Single(k => k.Name == name);
        var random = new Random(42);
        for (var trial = 0; trial < 60; trial++)
        {
            var k = random.Next(1, 17);
            var m = random.Next(0, 7);
            var size = random.Next(0, 3000);
            var codec = new ReedSolomon(k, m, kernel);
            var shards = NewShards(random, k, m, size);
            codec.Encode(shards);
            Assert.True(codec.Verify(shards));

            var damaged = shards.Select(s => (byte[]?)s.ToArray()).ToArray();
            var lost = random.Next(0, m + 1);
            foreach (var index in Enumerable.Range(0, k + m).OrderBy(_ => random.Next()).Take(lost))
            {
                damaged[index] = null;
            }

            codec.Reconstruct(damaged);
            for (var i = 0; i < k + m; i++)
            {
                Assert.True(shards[i].AsSpan().SequenceEqual(damaged[i]), $"trial {trial}: {k}+{m}, {size} bytes, shard {i}");
            }
        }
    }

    // The benchmark's shapes and a few others, odd lengths, every kernel: encode equals the naive kernel's parity and
    // the caller-buffer rebuild restores every lost shard (data and parity) from garbage-filled buffers.
    [Theory]
    [MemberData(nameof(Kernels))]
    public void Reconstruct_CallerBuffers_BenchmarkShapesOddLengths_RestoreBitExact(string name)
    {
        var kernel = GaloisKernels.Supported.Single(k => k.Name == name);
        var random = new Random(11);
        foreach (var (k, m) in new[] { (10, 4), (4, 1), (4, 2), (6, 3), (12, 5) })
        {
            foreach (var size in new[] { 1, 100, 257, 4099, 65537 })
            {
                var naive = new ReedSolomon(k, m, GaloisKernels.Naive);
                var codec = new ReedSolomon(k, m, kernel);
                var expected = NewShards(random, k, m, size);
                naive.Encode(expected);
                var shards = expected.Select(s => s.ToArray()).ToArray();
                codec.Encode(shards);
                Assert.True(codec.Verify(expected), $"{name}: {k}+{m}, {size} bytes: parity differs from naive");

                var present = new bool[k + m];
                Array.Fill(present, true);
                foreach (var lost in Enumerable.Range(0, k + m).OrderBy(_ => random.Next()).Take(m))
                {
                    present[lost] = false;
                    random.NextBytes(shards[lost]);
                }

                codec.Reconstruct(shards, present);
                for (var i = 0; i < k + m; i++)
                {
                    Assert.True(expected[i].AsSpan().SequenceEqual(shards[i]), $"{name}: {k}+{m}, {size} bytes, shard {i}");
                }
            }
        }
    }

    [Fact]
    public void Reconstruct_CallerBuffersTooFewPresent_ThrowsNamingMissing()
    {
        var codec = new ReedSolomon(4, 2);
        var shards = NewShards(new Random(2), 4, 2, 50);
        var error = Assert.Throws<InsufficientShardsException>(() => codec.Reconstruct(shards, [false, true, false, true, false, true]));
        Assert.Contains("only 3 of the 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing: 0, 2, 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconstruct_CallerBuffersWrongFlagCount_ThrowsNamingPresent()
    {
        var codec = new ReedSolomon(2, 1);
        var error = Assert.Throws<ArgumentException>(() => codec.Reconstruct(NewShards(new Random(3), 2, 1, 8), [true, true]));
        Assert.Equal("present", error.ParamName);
    }

    [Fact]
    public void Encode_FastKernel_MatchesNaiveParity()
    {
        var random = new Random(7);
        var naive = new ReedSolomon(10, 4, GaloisKernels.Naive);
        var fast = new ReedSolomon(10, 4);
        var shards = NewShards(random, 10, 4, 5000);
        var copy = shards.Select(s => s.ToArray()).ToArray();
        naive.Encode(shards);
        fast.Encode(copy);
        for (var i = 10; i < 14; i++)
        {
            Assert.Equal(shards[i], copy[i]);
        }
    }

    [Fact]
    public void Verify_RandomCorruption_ReturnsFalse()
    {
        var random = new Random(99);
        for (var trial = 0; trial < 50; trial++)
        {
            var k = random.Next(1, 12);
            var m = random.Next(1, 5);
            var codec = new ReedSolomon(k, m);
            var shards = NewShards(random, k, m, random.Next(1, 2000));
            codec.Encode(shards);
            var shard = random.Next(k + m);
            shards[shard][random.Next(shards[shard].Length)] ^= (byte)random.Next(1, 256);
            Assert.False(codec.Verify(shards), $"trial {trial}: corruption in shard {shard} of {k}+{m} went unnoticed");
        }
    }

    [Fact]
    public void Reconstruct_TooFewShards_ThrowsNamingMissing()
    {
        var codec = new ReedSolomon(4, 2);
        var shards = NewShards(new Random(1), 4, 2, 100);
        codec.Encode(shards);
        byte[]?[] damaged = [null, shards[1], null, shards[3], null, shards[5]];
        var error = Assert.Throws<InsufficientShardsException>(() => codec.Reconstruct(damaged));
        Assert.Contains("only 3 of the 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing: 0, 2, 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reconstruct_InconsistentSizes_ThrowsNamingShard()
    {
        var codec = new ReedSolomon(2, 1);
        byte[]?[] shards = [new byte[10], null, new byte[11]];
        var error = Assert.Throws<ArgumentException>(() => codec.Reconstruct(shards));
        Assert.Equal("shards", error.ParamName);
        Assert.Contains("shard 2 has 11 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_InconsistentSizes_Throws()
    {
        var codec = new ReedSolomon(2, 1);
        var error = Assert.Throws<ArgumentException>(() => codec.Encode([new byte[4], new byte[5], new byte[4]]));
        Assert.Equal("shards", error.ParamName);
    }

    [Fact]
    public void Encode_WrongSlotCount_Throws()
    {
        var codec = new ReedSolomon(2, 1);
        var error = Assert.Throws<ArgumentException>(() => codec.Encode([new byte[4], new byte[4]]));
        Assert.Contains("expected 3 shard slots", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1, "dataShards")]
    [InlineData(1, -1, "parityShards")]
    [InlineData(200, 57, "parityShards")]
    public void Constructor_BadCounts_ThrowsNamingParameter(int k, int m, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ReedSolomon(k, m));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void Reconstruct_MaximalCode_AnyKOfTheLastShardsWork()
    {
        // 200 + 56 = 256 shards, the field's limit; rebuild from the last 200 (all 56 parity in use).
        var codec = new ReedSolomon(200, 56);
        var shards = NewShards(new Random(5), 200, 56, 64);
        codec.Encode(shards);
        var damaged = shards.Select((s, i) => i < 56 ? null : (byte[]?)s.ToArray()).ToArray();
        codec.Reconstruct(damaged);
        Assert.Equal(shards[0], damaged[0]);
        Assert.Equal(shards[55], damaged[55]);
    }

    private static byte[][] NewShards(Random random, int k, int m, int size)
    {
        var shards = new byte[k + m][];
        for (var i = 0; i < k + m; i++)
        {
            shards[i] = new byte[size];
            if (i < k)
            {
                random.NextBytes(shards[i]);
            }
        }

        return shards;
    }
}
