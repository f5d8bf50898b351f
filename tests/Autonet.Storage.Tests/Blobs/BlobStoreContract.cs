using Autonet.Core.Ids;
using Autonet.Storage.Blobs;

namespace Autonet.Storage.Tests.Blobs;

/// <summary>What every <see cref="IBlobStore"/> must do; each implementation's test class derives from this.</summary>
public abstract class BlobStoreContract : IAsyncLifetime
{
    protected const long Limit = 8L << 20;

    private IBlobStore? _store;

    protected IBlobStore Store => _store ?? throw new InvalidOperationException("InitializeAsync has not run");

    /// <summary>A new, empty store that refuses blobs over <see cref="Limit"/> bytes.</summary>
    protected abstract Task<IBlobStore> CreateStoreAsync();

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100_000)]
    public async Task Put_ThenGet_ReturnsSameBytesUnderTheirId(int size)
    {
        var bytes = RandomBytes(size, seed: size);
        var id = await Store.PutAsync(bytes, CancellationToken.None);
        Assert.Equal(ContentId.Of(bytes), id);
        Assert.Equal(bytes, await Store.GetAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task OpenRead_LargeBlob_StreamsBitExact()
    {
        var bytes = RandomBytes(5 << 20, seed: 3);
        var id = await Store.PutAsync(new MemoryStream(bytes), CancellationToken.None);
        var stream = await Store.OpenReadAsync(id, CancellationToken.None);
        Assert.NotNull(stream);
        await using (stream)
        {
            var read = new byte[bytes.Length];
            var total = 0;
            int n;
            while ((n = await stream.ReadAsync(read.AsMemory(total, Math.Min(70_001, read.Length - total)))) > 0)
            {
                total += n;
            }

            Assert.Equal(0, await stream.ReadAsync(new byte[16]));
            Assert.Equal(bytes.Length, total);
            Assert.True(bytes.AsSpan().SequenceEqual(read));
        }
    }

    [Fact]
    public async Task Get_UnknownId_ReturnsNull()
    {
        var id = ContentId.Of("never stored"u8);
        Assert.Null(await Store.GetAsync(id, CancellationToken.None));
        Assert.False(await Store.ContainsAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Contains_AfterPut_ReturnsTrue()
    {
        var id = await Store.PutAsync("hello"u8.ToArray(), CancellationToken.None);
        Assert.True(await Store.ContainsAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Put_SameBytesTwice_ReturnsSameId()
    {
        var first = await Store.PutAsync("twice"u8.ToArray(), CancellationToken.None);
        var second = await Store.PutAsync("twice"u8.ToArray(), CancellationToken.None);
        Assert.Equal(first, second);
        Assert.Equal("twice"u8.ToArray(), await Store.GetAsync(first, CancellationToken.None));
    }

    [Fact]
    public async Task Put_OverLimit_ThrowsTooLargeAndStoresNothing()
    {
        var bytes = RandomBytes((int)Limit + 1, seed: 9);
        await Assert.ThrowsAsync<BlobTooLargeException>(() => Store.PutAsync(new MemoryStream(bytes), CancellationToken.None));
        Assert.False(await Store.ContainsAsync(ContentId.Of(bytes), CancellationToken.None));
    }

    protected static byte[] RandomBytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
