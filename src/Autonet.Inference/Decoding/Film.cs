// FiLM, feature-wise linear modulation (Perez et al. 2018, eq. 1 with the "1 +" of their residual form):
// y = (1 + gamma) * x + beta, with gamma and beta per sample from the conditioning vector. Backward:
// dx = dy * (1 + gamma), dgamma = dy * x, dbeta = dy. Legend: B rows (positions), H features; film (B, 2H) is
// [gamma | beta] per row, as one Linear(cond -> 2H) writes it.
using System.Numerics.Tensors;
using Tensor = Autonet.Tensors.Tensor;

namespace Autonet.Inference.Decoding;

/// <summary>The FiLM op: forward and backward over (B, H) with (B, 2H) modulation.</summary>
public static class Film
{
    /// <summary>y (B, H) = (1 + gamma) x + beta.</summary>
    public static void Forward(Tensor x, Tensor film, Tensor y)
    {
        var (b, h) = Check(x, film, y);
        for (var r = 0; r < b; r++)
        {
            var xs = x.Span.Slice(r * h, h);
            var ys = y.Span.Slice(r * h, h);
            var gamma = film.Span.Slice(r * 2 * h, h);
            var beta = film.Span.Slice((r * 2 * h) + h, h);
            TensorPrimitives.FusedMultiplyAdd(xs, gamma, xs, ys); // x * gamma + x
            TensorPrimitives.Add(ys, beta, ys);
        }
    }

    /// <summary>dx (B, H) and dFilm (B, 2H) are overwritten.</summary>
    public static void Backward(Tensor x, Tensor film, Tensor dy, Tensor dx, Tensor dFilm)
    {
        var (b, h) = Check(x, film, dy);
        dx.Expect("Film dx", x.Shape);
        dFilm.Expect("Film dFilm", film.Shape);
        for (var r = 0; r < b; r++)
        {
            var xs = x.Span.Slice(r * h, h);
            var dys = dy.Span.Slice(r * h, h);
            var dxs = dx.Span.Slice(r * h, h);
            var gamma = film.Span.Slice(r * 2 * h, h);
            TensorPrimitives.FusedMultiplyAdd(dys, gamma, dys, dxs); // dy * gamma + dy
            TensorPrimitives.Multiply(dys, xs, dFilm.Span.Slice(r * 2 * h, h));
            dys.CopyTo(dFilm.Span.Slice((r * 2 * h) + h, h));
        }
    }

    /// <summary>The formula written out, one element at a time: the oracle for tests.</summary>
    public static float[] Reference(float[] x, float[] film, int b, int h)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(film);
        var y = new float[b * h];
        for (var r = 0; r < b; r++)
        {
            for (var j = 0; j < h; j++)
            {
                y[(r * h) + j] = ((1 + film[(r * 2 * h) + j]) * x[(r * h) + j]) + film[(r * 2 * h) + h + j];
            }
        }
        return y;
    }

    private static (int B, int H) Check(Tensor x, Tensor film, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(film);
        ArgumentNullException.ThrowIfNull(y);
        var (b, h) = (x.Rows, x.Last);
        if (film.Rows != b || film.Last != 2 * h)
        {
            throw new ArgumentException($"Film: x ({b}, {h}) needs film ({b}, {2 * h}), got ({film.Rows}, {film.Last})", nameof(film));
        }
        y.Expect("Film y", x.Shape);
        return (b, h);
    }
}
