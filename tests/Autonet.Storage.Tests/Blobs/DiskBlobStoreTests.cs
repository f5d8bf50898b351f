using Autonet.Core;
using Autonet.Core.Ids;
using Autonet.Storage.Blobs;

namespace Autonet.Storage.Tests.Blobs;

public sealed class DiskBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new();
    private DiskBlobStore? _disk;

    protected override Task<IBlobStore> CreateStoreAsync()
    {
        _disk = new DiskBlobStore(_directory.Path, Limit);
        return Task.FromResult<IBlobStore>(_disk);
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Get_FileCorruptedOnDisk_ThrowsContentMismatch()
    {
        var id = await Store.PutAsync(RandomBytes(1000, seed: 1), CancellationToken.None);
        var path = _disk!.PathOf(id);
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[500] ^= 0x01;
        await File.WriteAllBytesAsync(path, bytes);
        var error = await Assert.ThrowsAsync<ContentMismatchException>(() => Store.GetAsync(id, CancellationToken.None));
        Assert.Equal(id.ToString(), error.Expected);
        Assert.Equal(ContentId.Of(bytes).ToString(), error.Actual);
    }

    [Fact]
    public async Task Put_AnyOutcome_LeavesNoTempFiles()
    {
        await Store.PutAsync(RandomBytes(10, seed: 2), CancellationToken.None);
        await Assert.ThrowsAsync<BlobTooLargeException>(() => Store.PutAsync(RandomBytes((int)Limit + 5, seed: 3), CancellationToken.None));
        Assert.Empty(Directory.GetFiles(Path.Combine(_directory.Path, "tmp")));
    }

    [Fact]
    public async Task Put_SameBytesConcurrently_OneIntactBlobNoTempFiles()
    {
        var bytes = RandomBytes(300_000, seed: 4);
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.PutAsync(bytes, CancellationToken.None))));
        Assert.Single(ids.Distinct());
        Assert.Equal(bytes, await Store.GetAsync(ids[0], CancellationToken.None));
        Assert.Empty(Directory.GetFiles(Path.Combine(_directory.Path, "tmp")));
    }

    [Fact]
    public void PathOf_Id_StaysUnderTheBlobFolder()
    {
        var path = _disk!.PathOf(ContentId.Of("x"u8));
        Assert.StartsWith(Path.Combine(_directory.Path, "blobs") + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
        Assert.EndsWith(ContentId.Of("x"u8).ToString(), path, StringComparison.Ordinal);
    }
}
