using Autonet.Core.Ids;

namespace Autonet.Storage.Blobs;

/// <summary>
/// Blobs as files under a root folder: blobs/{last two id chars}/{id}. Writes go to tmp/ and are renamed
/// into place after an fsync, so a crash never leaves a partial blob under a valid id. Every read is
/// verified against its id (a bit flip on disk surfaces as ContentMismatchException). No eviction, no index.
/// </summary>
public sealed class DiskBlobStore : IBlobStore
{
    /// <summary>The default size limit per blob: 4 GiB.</summary>
    public const long DefaultMaxBlobBytes = Autonet.Core.SizeLimits.BlobBytes;

    private const int BufferBytes = 1 << 16;
    private readonly string _blobs;
    private readonly string _temp;

    /// <summary>A store rooted at <paramref name="root"/> (created if missing).</summary>
    public DiskBlobStore(string root, long maxBlobBytes = DefaultMaxBlobBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBlobBytes);
        Root = Path.GetFullPath(root);
        MaxBlobBytes = maxBlobBytes;
        _blobs = Path.Combine(Root, "blobs");
        _temp = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(_blobs);
        Directory.CreateDirectory(_temp);
    }

    public string Root { get; }

    public long MaxBlobBytes { get; }

    /// <inheritdoc/>
    public async Task<ContentId> PutAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var temp = Path.Combine(_temp, Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            ContentId id;
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferBytes, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                // Leave the caller's stream open: VerifyingStream would dispose it, so wrap a non-owning view.
                var hashing = new VerifyingStream(new NonClosingStream(content), expected: null, MaxBlobBytes);
                await using (hashing.ConfigureAwait(false))
                {
                    await hashing.CopyToAsync(file, BufferBytes, cancellationToken).ConfigureAwait(false);
                    id = hashing.Actual ?? ContentId.Of([]);
                }

                file.Flush(flushToDisk: true);
            }

            var path = PathOf(id);
            if (File.Exists(path))
            {
                return id;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!); // non-null: PathOf returns a file under _blobs
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another writer stored the same bytes first; theirs is identical by construction.
            }

            return id;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <inheritdoc/>
    public Task<Stream?> OpenReadAsync(ContentId id, CancellationToken cancellationToken)
    {
        var path = PathOf(id);
        if (!File.Exists(path))
        {
            return Task.FromResult<Stream?>(null);
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Task.FromResult<Stream?>(new VerifyingStream(file, id, MaxBlobBytes));
    }

    /// <inheritdoc/>
    public Task<bool> ContainsAsync(ContentId id, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(id)));

    /// <summary>The file that holds <paramref name="id"/>; the id is checked to be plain base32 before it becomes a path.</summary>
    public string PathOf(ContentId id)
    {
        var text = id.ToString();
        foreach (var ch in text)
        {
            if (ch is not ((>= 'a' and <= 'z') or (>= '2' and <= '7')))
            {
                Errors.Format($"content id '{text}'", "only lower-case base32 characters may form a blob path");
            }
        }

        return Path.Combine(_blobs, text[^2..], text);
    }
}
