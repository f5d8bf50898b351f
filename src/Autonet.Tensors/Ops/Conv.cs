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
    /// <remarks>Images are independent, so they are spread over <see cref="Parallelism.Degree"/> threads; a pure copy, so the bits never depend on it.</remarks>
    public static void Im2Col(Tensor x, int kernel, Tensor cols)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(cols);
        var (n, c, h, w) = Check(x, kernel, cols);
        var (image, row) = (c * h * w, c * kernel * kernel);
        Parallelism.For(n, 1, (first, end) =>
        {
            for (var b = first; b < end; b++)
            {
                Im2ColImage(x.Span.Slice(b * image, image), c, h, w, kernel, cols.Span.Slice(b * h * w * row, h * w * row));
            }
        });
    }

    /// <summary>The adjoint of <see cref="Im2Col"/>: dx (N, C, H, W) += every cols entry at the pixel it was read from.</summary>
    /// <remarks>Spread over images like <see cref="Im2Col"/>; each image's sums run in one fixed order, so the bits never depend on the threads.</remarks>
    public static void Col2Im(Tensor cols, int kernel, Tensor dx)
    {
        ArgumentNullException.ThrowIfNull(cols);
        ArgumentNullException.ThrowIfNull(dx);
        var (n, c, h, w) = Check(dx, kernel, cols);
        var (image, row) = (c * h * w, c * kernel * kernel);
        Parallelism.For(n, 1, (first, end) =>
        {
            for (var b = first; b < end; b++)
            {
                Col2ImImage(cols.Span.Slice(b * h * w * row, h * w * row), c, h, w, kernel, dx.Span.Slice(b * image, image));
            }
        });
    }

    // One image (C, H, W) -> its H*W rows of cols; rows whose window lies inside the image copy K floats per (c, ky)
    // without a bounds test, the border rows test each pixel.
    private static void Im2ColImage(ReadOnlySpan<float> src, int c, int h, int w, int kernel, Span<float> dst)
    {
        var pad = kernel / 2;
        var o = 0;
        for (var y = 0; y < h; y++)
        {
            for (var xx = 0; xx < w; xx++)
            {
                var inside = xx >= pad && xx + pad < w;
                for (var ch = 0; ch < c; ch++)
                {
                    for (var ky = 0; ky < kernel; ky++, o += kernel)
                    {
                        var sy = y + ky - pad;
                        var window = dst.Slice(o, kernel);
                        if (sy < 0 || sy >= h)
                        {
                            window.Clear();
                        }
                        else if (inside)
                        {
                            src.Slice((((ch * h) + sy) * w) + xx - pad, kernel).CopyTo(window);
                        }
                        else
                        {
                            var line = src.Slice(((ch * h) + sy) * w, w);
                            for (var kx = 0; kx < kernel; kx++)
                            {
                                var sx = xx + kx - pad;
                                window[kx] = sx >= 0 && sx < w ? line[sx] : 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    // The adjoint of Im2ColImage, in the same order (pixel, channel, ky, kx) as the one-thread loop it replaced.
    private static void Col2ImImage(ReadOnlySpan<float> src, int c, int h, int w, int kernel, Span<float> dst)
    {
        var pad = kernel / 2;
        var o = 0;
        for (var y = 0; y < h; y++)
        {
            for (var xx = 0; xx < w; xx++)
            {
                var inside = xx >= pad && xx + pad < w;
                for (var ch = 0; ch < c; ch++)
                {
                    for (var ky = 0; ky < kernel; ky++, o += kernel)
                    {
                        var sy = y + ky - pad;
                        if (sy < 0 || sy >= h)
                        {
                            continue;
                        }
                        var window = src.Slice(o, kernel);
                        if (inside)
                        {
                            var target = dst.Slice((((ch * h) + sy) * w) + xx - pad, kernel);
                            for (var kx = 0; kx < kernel; kx++)
                            {
                                target[kx] += window[kx];
                            }
                        }
                        else
                        {
                            var line = dst.Slice(((ch * h) + sy) * w, w);
                            for (var kx = 0; kx < kernel; kx++)
                            {
                                var sx = xx + kx - pad;
                                if (sx >= 0 && sx < w)
                                {
                                    line[sx] += window[kx];
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
