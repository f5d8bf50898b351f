using System.Numerics.Tensors;

namespace Autonet.Tensors.Ops;

/// <summary>
/// Row-wise cosine similarity, s = a.b / (max(|a|, eps) max(|b|, eps)) for a, b (N, C) -> s (N).
/// Backward (norms above eps): da = dS (b / (|a||b|) - s a / |a|^2), db symmetric. Used for embedding scores.
/// </summary>
public static class Cosine
{
    public const float Eps = 1e-8f;

    public static void Forward(Tensor a, Tensor b, Tensor output)
    {
        var c = Check(a, b, output);
        for (var r = 0; r < a.Rows; r++)
        {
            var ar = a.Span.Slice(r * c, c);
            var br = b.Span.Slice(r * c, c);
            output.Span[r] = TensorPrimitives.Dot(ar, br) / (Norm(ar) * Norm(br));
        }
    }

    /// <summary>da and db (N, C) are overwritten.</summary>
    public static void Backward(Tensor a, Tensor b, Tensor dOut, Tensor da, Tensor db)
    {
        var c = Check(a, b, dOut);
        ArgumentNullException.ThrowIfNull(da);
        ArgumentNullException.ThrowIfNull(db);
        da.Expect("Cosine da", a.Shape);
        db.Expect("Cosine db", a.Shape);
        for (var r = 0; r < a.Rows; r++)
        {
            var ar = a.Span.Slice(r * c, c);
            var br = b.Span.Slice(r * c, c);
            var (na, nb) = (Norm(ar), Norm(br));
            var s = TensorPrimitives.Dot(ar, br) / (na * nb);
            var g = dOut.Span[r];
            var dar = da.Span.Slice(r * c, c);
            var dbr = db.Span.Slice(r * c, c);
            TensorPrimitives.Multiply(br, g / (na * nb), dar);
            TensorPrimitives.MultiplyAdd(ar, -g * s / (na * na), dar, dar);
            TensorPrimitives.Multiply(ar, g / (na * nb), dbr);
            TensorPrimitives.MultiplyAdd(br, -g * s / (nb * nb), dbr, dbr);
        }
    }

    private static float Norm(ReadOnlySpan<float> x) => MathF.Max(TensorPrimitives.Norm(x), Eps);

    private static int Check(Tensor a, Tensor b, Tensor output)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(output);
        b.Expect("Cosine b", a.Shape);
        if (output.Length != a.Rows)
        {
            Errors.Shapes("Cosine", a.Shape, output.Shape, $"output needs {a.Rows} values, one per row");
        }
        return a.Last;
    }
}
