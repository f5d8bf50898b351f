using System.Buffers;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// A row as the address of its first coordinate, valid while the <see cref="PinnedRows"/> that made it is not
/// disposed. The column loops reach row i's coordinates with one load, and never touch the array object itself:
/// reading an array's header (its null check) for every row and chunk cost FedAvg ~40% of its speed here, since those
/// header lines kept being evicted by the rows streaming through the same cache sets.
/// </summary>
internal readonly unsafe struct RowView(float* start)
{
    /// <summary>A reference to coordinate <paramref name="index"/> of the row (unchecked: callers stay within the length).</summary>
    public ref float At(int index) => ref start[index];
}

/// <summary>The rows of one kernel call pinned in place (arrays or any other memory, never copied) and their views.</summary>
internal sealed unsafe class PinnedRows : IDisposable
{
    private readonly MemoryHandle[] _handles;

    private PinnedRows(ReadOnlyMemory<float>[] rows)
    {
        _handles = new MemoryHandle[rows.Length];
        Views = new RowView[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            _handles[i] = rows[i].Pin();
            Views[i] = new RowView((float*)_handles[i].Pointer);
        }
    }

    /// <summary>Row i's view, valid until this is disposed.</summary>
    public RowView[] Views { get; }

    public static PinnedRows Of(ReadOnlyMemory<float>[] rows) => new(rows);

    public void Dispose()
    {
        foreach (var handle in _handles)
        {
            handle.Dispose();
        }
    }
}
