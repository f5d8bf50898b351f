using Autonet.Core;
using Autonet.Core.Ids;
using Autonet.Protocol.Ports;

namespace Autonet.Protocol.Tests.Roles;

/// <summary>Content-addressed bytes in a dictionary; can be told to corrupt a blob, break off its reads, or be unreachable.</summary>
internal sealed class InMemoryBlobStore : IBlobStore
{
    private readonly Dictionary<ContentId, byte[]> _blobs = [];

    public bool Unreachable { get; set; }

    /// <summary>Per blob, how many more reads break off mid-transfer (as a gateway does with a copy that fails verification).</summary>
    public Dictionary<ContentId, int> BreakOff { get; } = [];

    public Task<ContentId> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var id = ContentId.Of(content.Span);
        _blobs[id] = content.ToArray();
        return Task.FromResult(id);
    }

    public Task<byte[]?> GetAsync(ContentId id, CancellationToken cancellationToken)
    {
        if (Unreachable)
        {
            throw new HttpRequestException("gateway 127.0.0.1:9 unreachable (connection refused)");
        }

        if (BreakOff.TryGetValue(id, out var left) && left > 0)
        {
            BreakOff[id] = left - 1;
            throw new IOException($"response for {id} ended prematurely");
        }

        if (!_blobs.TryGetValue(id, out var bytes))
        {
            return Task.FromResult<byte[]?>(null);
        }

        var actual = ContentId.Of(bytes);
        return actual == id ? Task.FromResult<byte[]?>((byte[])bytes.Clone()) : throw new ContentMismatchException(id.ToString(), actual.ToString());
    }

    public void Corrupt(ContentId id) => _blobs[id][0] ^= 0xFF;

    public void Remove(ContentId id) => _blobs.Remove(id);
}
