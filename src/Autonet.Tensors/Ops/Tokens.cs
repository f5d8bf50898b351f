using System.Numerics.Tensors;

namespace Autonet.Tensors.Ops;

/// <summary>
/// Token-axis ops on (B, T, C): gather/scatter of token subsets (masking in I-JEPA), concat/split along T,
/// mean-pool over T, and adding a (T, C) position table to every batch item. Legend: K kept tokens per item,
/// idx (B, K) token indices into T. Backward of gather is scatter-add and vice versa.
/// </summary>
public static class Tokens
{
    /// <summary>out (B, K, C) = x[b, idx[b, k]].</summary>
    public static void Gather(Tensor x, ReadOnlySpan<int> idx, Tensor output)
    {
        var (b, t, k, c) = Check("Gather", x, idx, output);
        for (var i = 0; i < b * k; i++)
        {
            x.Span.Slice(((i / k * t) + idx[i]) * c, c).CopyTo(output.Span.Slice(i * c, c));
        }
    }

    /// <summary>dx (B, T, C) += scatter of dOut (B, K, C); dx is not cleared here.</summary>
    public static void GatherBackward(ReadOnlySpan<int> idx, Tensor dOut, Tensor dx)
    {
        var (b, t, k, c) = Check("GatherBackward", dx, idx, dOut);
        for (var i = 0; i < b * k; i++)
        {
            var dst = dx.Span.Slice(((i / k * t) + idx[i]) * c, c);
            TensorPrimitives.Add(dst, dOut.Span.Slice(i * c, c), dst);
        }
    }

    /// <summary>dst[b, idx[b, k]] = src[b, k]; other rows of dst are left as they are.</summary>
    public static void Scatter(Tensor src, ReadOnlySpan<int> idx, Tensor dst)
    {
        var (b, t, k, c) = Check("Scatter", dst, idx, src);
        for (var i = 0; i < b * k; i++)
        {
            src.Span.Slice(i * c, c).CopyTo(dst.Span.Slice(((i / k * t) + idx[i]) * c, c));
        }
    }

    /// <summary>out (B, Ta + Tb, C) = [a ; b] along tokens.</summary>
    public static void Concat(Tensor a, Tensor b, Tensor output)
    {
        var (bs, ta, tb, c) = CheckConcat(a, b, output);
        for (var i = 0; i < bs; i++)
        {
            a.Span.Slice(i * ta * c, ta * c).CopyTo(output.Span.Slice(i * (ta + tb) * c));
            b.Span.Slice(i * tb * c, tb * c).CopyTo(output.Span.Slice(((i * (ta + tb)) + ta) * c));
        }
    }

    /// <summary>Inverse of concat (and its backward): da, db are overwritten.</summary>
    public static void Split(Tensor joined, Tensor a, Tensor b)
    {
        var (bs, ta, tb, c) = CheckConcat(a, b, joined);
        for (var i = 0; i < bs; i++)
        {
            joined.Span.Slice(i * (ta + tb) * c, ta * c).CopyTo(a.Span.Slice(i * ta * c));
            joined.Span.Slice(((i * (ta + tb)) + ta) * c, tb * c).CopyTo(b.Span.Slice(i * tb * c));
        }
    }

    /// <summary>out (B, C) = mean over T of x (B, T, C).</summary>
    public static void MeanPool(Tensor x, Tensor output)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(output);
        var (b, t, c) = (x.Shape[0], x.Shape[1], x.Last);
        output.Expect("MeanPool", b, c);
        output.Span.Clear();
        for (var i = 0; i < b * t; i++)
        {
            var o = output.Span.Slice(i / t * c, c);
            TensorPrimitives.Add(o, x.Span.Slice(i * c, c), o);
        }
        TensorPrimitives.Multiply(output.Span, 1f / t, output.Span);
    }

    /// <summary>dx (B, T, C) = dOut (B, C) / T broadcast; overwritten.</summary>
    public static void MeanPoolBackward(Tensor dOut, Tensor dx)
    {
        ArgumentNullException.ThrowIfNull(dOut);
        ArgumentNullException.ThrowIfNull(dx);
        var (b, t, c) = (dx.Shape[0], dx.Shape[1], dx.Last);
        dOut.Expect("MeanPoolBackward", b, c);
        for (var i = 0; i < b * t; i++)
        {
            TensorPrimitives.Multiply(dOut.Span.Slice(i / t * c, c), 1f / t, dx.Span.Slice(i * c, c));
        }
    }

    /// <summary>x (B, T, C) += pos (T, C) in place; its backward is the identity for x.</summary>
    public static void AddPositions(Tensor x, Tensor pos)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(pos);
        if (x.Rank != 3 || pos.Length != x.Shape[1] * x.Last)
        {
            Errors.Shapes("AddPositions", x.Shape, pos.Shape, "need x (B, T, C) and pos (T, C)");
        }
        var n = pos.Length;
        for (var b = 0; b < x.Shape[0]; b++)
        {
            var s = x.Span.Slice(b * n, n);
            TensorPrimitives.Add(s, pos.Span, s);
        }
    }

    private static (int B, int T, int K, int C) Check(string op, Tensor full, ReadOnlySpan<int> idx, Tensor subset)
    {
        ArgumentNullException.ThrowIfNull(full);
        ArgumentNullException.ThrowIfNull(subset);
        if (full.Rank != 3 || subset.Rank != 3 || full.Shape[0] != subset.Shape[0] || full.Last != subset.Last
            || idx.Length != subset.Shape[0] * subset.Shape[1])
        {
            Errors.Shapes(op, full.Shape, subset.Shape, $"need (B, T, C), (B, K, C) and {subset.Shape[0]}*K indices, got {idx.Length}");
        }
        var t = full.Shape[1];
        for (var i = 0; i < idx.Length; i++)
        {
            if ((uint)idx[i] >= (uint)t)
            {
                Errors.Shape(op, $"token index {idx[i]} at position {i} is outside [0, {t})");
            }
        }
        return (full.Shape[0], t, subset.Shape[1], full.Last);
    }

    private static (int B, int Ta, int Tb, int C) CheckConcat(Tensor a, Tensor b, Tensor joined)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(joined);
        if (a.Rank != 3 || b.Rank != 3 || a.Shape[0] != b.Shape[0] || a.Last != b.Last)
        {
            Errors.Shapes("Concat", a.Shape, b.Shape, "need (B, Ta, C) and (B, Tb, C) with equal B and C");
        }
        joined.Expect("Concat output", a.Shape[0], a.Shape[1] + b.Shape[1], a.Last);
        return (a.Shape[0], a.Shape[1], b.Shape[1], a.Last);
    }
}
