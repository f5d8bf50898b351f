using System.Runtime.InteropServices;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// Zeroed scratch starting on a 64-byte boundary, freed on dispose: a kernel's per-row partials and sorting lanes,
/// which it loads and stores as whole vectors (a pooled array starts 16 bytes into a line, so every Vector512 access
/// straddled two cache lines).
/// </summary>
internal sealed unsafe class AlignedBuffer<T> : IDisposable
    where T : unmanaged
{
    private T* _start;
    private readonly int _length;

    public AlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _length = length;
        _start = (T*)NativeMemory.AlignedAlloc((nuint)Math.Max(length, 1) * (nuint)sizeof(T), 64);
        Span.Clear();
    }

    public Span<T> Span => _start is null ? throw new ObjectDisposedException(nameof(AlignedBuffer<T>)) : new Span<T>(_start, _length);

    public void Dispose()
    {
        NativeMemory.AlignedFree(_start);
        _start = null;
    }
}
