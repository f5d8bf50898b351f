namespace Autonet.Tensors.Ops;

/// <summary>
/// Table lookup: out[n] = table[ids[n]] for a table (V, C); backward scatters dOut rows back into dTable
/// in id order (sequential, so repeated ids sum in a fixed order). Used for byte tokens (V = 256 + specials).
/// </summary>
public static class Embedding
{
    public static void Forward(Tensor table, ReadOnlySpan<int> ids, Tensor output)
    {
        var c = Check(table, ids, output);
        var t = table.Span;
        var o = output.Span;
        for (var n = 0; n < ids.Length; n++)
        {
            t.Slice(ids[n] * c, c).CopyTo(o.Slice(n * c, c));
        }
    }

    /// <summary>dTable (V, C) accumulates.</summary>
    public static void Backward(ReadOnlySpan<int> ids, Tensor dOut, Tensor dTable)
    {
        var c = Check(dTable, ids, dOut);
        var dt = dTable.Span;
        var d = dOut.Span;
        for (var n = 0; n < ids.Length; n++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(dt.Slice(ids[n] * c, c), d.Slice(n * c, c), dt.Slice(ids[n] * c, c));
        }
    }

    private static int Check(Tensor table, ReadOnlySpan<int> ids, Tensor output)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(output);
        if (table.Rank != 2 || output.Last != table.Last || output.Rows != ids.Length)
        {
            Errors.Shapes("Embedding", table.Shape, output.Shape, $"need table (V, C) and output ({ids.Length}, C)");
        }
        var v = table.Shape[0];
        for (var n = 0; n < ids.Length; n++)
        {
            if ((uint)ids[n] >= (uint)v)
            {
                Errors.Shape("Embedding", $"id {ids[n]} at position {n} is outside the table's {v} rows");
            }
        }
        return table.Last;
    }
}
