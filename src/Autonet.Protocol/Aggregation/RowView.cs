using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Autonet.Protocol.Aggregation;

/// <summary>
/// A row as array + offset, so the column loops reach row i with one array load instead of a
/// ReadOnlyMemory.Span per row and chunk (a type check each time, as long as the arithmetic itself).
/// A row not backed by an array (a MemoryManager) is copied once into one.
/// </summary>
internal readonly record struct RowView(float[] Array, int Offset)
{
    public static RowView[] Of(ReadOnlyMemory<float>[] rows)
    {
        var views = new RowView[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            views[i] = MemoryMarshal.TryGetArray(rows[i], out var segment)
                ? new RowView(segment.Array!, segment.Offset) // TryGetArray succeeded, so Array is set
                : new RowView(rows[i].ToArray(), 0);
        }

        return views;
    }

    /// <summary>A reference to coordinate <paramref name="index"/> of the row (unchecked: callers stay within the length).</summary>
    public ref float At(int index) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Array), unchecked(Offset + index));
}
