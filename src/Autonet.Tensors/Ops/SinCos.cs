namespace Autonet.Tensors.Ops;

/// <summary>
/// Fixed sine-cosine position tables (Vaswani et al. 2017 §3.5; 2D form as in MAE's get_2d_sincos_pos_embed).
/// 1D: for position p and i in [0, C/2): [sin(p w_i) ..., cos(p w_i) ...], w_i = 10000^(-i / (C/2)).
/// 2D: the first C/2 channels encode the row, the last C/2 the column, each with the 1D formula.
/// </summary>
public static class SinCos
{
    /// <summary>(T, C) table; C must be even.</summary>
    public static Tensor OneD(int tokens, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokens);
        if (channels <= 0 || channels % 2 != 0)
        {
            Errors.Shape("SinCos.OneD", $"channels {channels} must be positive and even");
        }
        var t = Tensor.Zeros(tokens, channels);
        for (var p = 0; p < tokens; p++)
        {
            Fill(p, t.Span.Slice(p * channels, channels));
        }
        return t;
    }

    /// <summary>(H*W, C) table in row-major grid order; C must be divisible by 4.</summary>
    public static Tensor TwoD(int height, int width, int channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (channels <= 0 || channels % 4 != 0)
        {
            Errors.Shape("SinCos.TwoD", $"channels {channels} must be positive and divisible by 4");
        }
        var t = Tensor.Zeros(height * width, channels);
        var half = channels / 2;
        for (var r = 0; r < height; r++)
        {
            for (var c = 0; c < width; c++)
            {
                var row = t.Span.Slice(((r * width) + c) * channels, channels);
                Fill(r, row[..half]);
                Fill(c, row[half..]);
            }
        }
        return t;
    }

    private static void Fill(int position, Span<float> dst)
    {
        var half = dst.Length / 2;
        for (var i = 0; i < half; i++)
        {
            var w = Math.Pow(10000, -(double)i / half);
            dst[i] = (float)Math.Sin(position * w);
            dst[half + i] = (float)Math.Cos(position * w);
        }
    }
}
