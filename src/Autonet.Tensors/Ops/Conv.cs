namespace Autonet.Tensors.Ops;

/// <summary>
/// The index shuffles of a stride-1, zero-padded K x K convolution done as one GEMM (im2col, Chellapilla et al. 2006):
/// each output pixel's receptive field becomes one row of cols (N*H*W, Cin*K*K) in (c, ky, kx) order, so a weight
/// (Cout, Cin*K*K) is a torch Conv2d(padding=K/2) weight (Cout, Cin, K, K) flattened, and y = cols W^T + b.
/// Legend: N images, C channels, H x W pixels; images are channels-first (N, C, H, W), GEMM rows channels-last.
/// </summary>
public static class Conv
{
    /// <summary>cols (N*H*W, C*K*K) from x (N, C, H, W); pixels outside the image are 0 (padding K/2).</summary>
    public static void Im2Col(Tensor x, int kernel, Tensor cols)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(cols);
        var (n, c, h, w) = Check(x, kernel, cols);
        var pad = kernel / 2;
        var src = x.Span;
        var dst = cols.Span;
        var row = c * kernel * kernel;
        for (var b = 0; b < n; b++)
        {
            for (var y = 0; y < h; y++)
            {
                for (var xx = 0; xx < w; xx++)
                {
                    var o = dst.Slice((((b * h) + y) * w + xx) * row, row);
                    var i = 0;
                    for (var ch = 0; ch < c; ch++)
                    {
                        var plane = src.Slice(((b * c) + ch) * h * w, h * w);
                        for (var ky = 0; ky < kernel; ky++)
                        {
                            var sy = y + ky - pad;
                            for (var kx = 0; kx < kernel; kx++)
                            {
                                var sx = xx + kx - pad;
                                o[i++] = sy >= 0 && sy < h && sx >= 0 && sx < w ? plane[(sy * w) + sx] : 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The adjoint of <see cref="Im2Col"/>: dx (N, C, H, W) += every cols entry at the pixel it was read from.</summary>
    public static void Col2Im(Tensor cols, int kernel, Tensor dx)
    {
        ArgumentNullException.ThrowIfNull(cols);
        ArgumentNullException.ThrowIfNull(dx);
        var (n, c, h, w) = Check(dx, kernel, cols);
        var pad = kernel / 2;
        var src = cols.Span;
        var dst = dx.Span;
        var row = c * kernel * kernel;
        for (var b = 0; b < n; b++)
        {
            for (var y = 0; y < h; y++)
            {
                for (var xx = 0; xx < w; xx++)
                {
                    var r = src.Slice((((b * h) + y) * w + xx) * row, row);
                    var i = 0;
                    for (var ch = 0; ch < c; ch++)
                    {
                        var plane = dst.Slice(((b * c) + ch) * h * w, h * w);
                        for (var ky = 0; ky < kernel; ky++)
                        {
                            var sy = y + ky - pad;
                            for (var kx = 0; kx < kernel; kx++, i++)
                            {
                                var sx = xx + kx - pad;
                                if (sy >= 0 && sy < h && sx >= 0 && sx < w)
                                {
                                    plane[(sy * w) + sx] += r[i];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>(N, P, C) -> (N, C, P): channels-last GEMM rows to channels-first images (P = H*W pixels).</summary>
    public static void ToChannelsFirst(ReadOnlySpan<float> src, int n, int pixels, int channels, Span<float> dst)
    {
        for (var b = 0; b < n; b++)
        {
            var s = src.Slice(b * pixels * channels, pixels * channels);
            var d = dst.Slice(b * pixels * channels, pixels * channels);
            for (var p = 0; p < pixels; p++)
            {
                for (var ch = 0; ch < channels; ch++)
                {
                    d[(ch * pixels) + p] = s[(p * channels) + ch];
                }
            }
        }
    }

    /// <summary>(N, C, P) -> (N, P, C), the inverse of <see cref="ToChannelsFirst"/>.</summary>
    public static void ToChannelsLast(ReadOnlySpan<float> src, int n, int pixels, int channels, Span<float> dst)
    {
        for (var b = 0; b < n; b++)
        {
            var s = src.Slice(b * pixels * channels, pixels * channels);
            var d = dst.Slice(b * pixels * channels, pixels * channels);
            for (var ch = 0; ch < channels; ch++)
            {
                for (var p = 0; p < pixels; p++)
                {
                    d[(p * channels) + ch] = s[(ch * pixels) + p];
                }
            }
        }
    }

    private static (int N, int C, int H, int W) Check(Tensor images, int kernel, Tensor cols)
    {
        if (kernel < 1 || kernel % 2 == 0)
        {
            Errors.Shape("Conv", $"kernel {kernel} must be odd and positive (padding kernel / 2 keeps the size)");
        }
        if (images.Rank != 4)
        {
            Errors.Shape("Conv", $"images must be (N, C, H, W), got {Errors.Format(images.Shape)}");
        }
        var (n, c, h, w) = (images.Shape[0], images.Shape[1], images.Shape[2], images.Shape[3]);
        cols.Expect("Conv cols", [n * h * w, c * kernel * kernel]);
        return (n, c, h, w);
    }
}
