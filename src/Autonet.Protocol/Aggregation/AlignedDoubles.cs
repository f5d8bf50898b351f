using System.Runtime.InteropServices;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// A zeroed scratch array of doubles starting on a 64-byte boundary, freed on dispose: a kernel's per-row partials,
/// which it loads and stores as whole vectors (a pooled array starts 16 bytes into a line, so every Vector512 access
/// straddled two cache lines).
/// </summary>
internal sealed unsafe class AlignedDoubles : IDisposable
{
    private double* _start;
    private readonly int _length;

    public AlignedDoubles(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _length = length;
        _start = (double*)NativeMemory.AlignedAlloc((nuint)Math.Max(length, 1) * sizeof(double), 64);
        Span.Clear();
    }

    public Span<double> Span => _start is null ? throw new ObjectDisposedException(nameof(AlignedDoubles)) : new Span<double>(_start, _length);

    public void Dispose()
    {
        NativeMemory.AlignedFree(_start);
        _start = null;
    }
}
