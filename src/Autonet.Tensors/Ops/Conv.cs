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

    private static void Im2ColImage(Span<float> image, int c, int h, int w, int kernel, Span<float> cols) =>
        EachWindow<Gather>(image, c, h, w, kernel, cols);

    private static void Col2ImImage(Span<float> cols, int c, int h, int w, int kernel, Span<float> image) =>
        EachWindow<Scatter>(image, c, h, w, kernel, cols);

    // Walks one image's windows in cols' row order (pixel, channel, ky), K floats each: TOp copies a window into its
    // row (Im2Col) or adds the row back at the pixels it came from (Col2Im, so each image's sums run in one fixed
    // order). Windows inside the image take K floats without a bounds test; border windows test each pixel.
    private static void EachWindow<TOp>(Span<float> image, int c, int h, int w, int kernel, Span<float> cols)
        where TOp : IWindowOp
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
                        var window = cols.Slice(o, kernel);
                        if (sy < 0 || sy >= h)
                        {
                            TOp.Outside(window);
                            continue;
                        }
                        var line = image.Slice(((ch * h) + sy) * w, w);
                        if (inside)
                        {
                            TOp.Inside(line.Slice(xx - pad, kernel), window);
                        }
                        else
                        {
                            TOp.Border(line, xx - pad, window);
                        }
                    }
                }
            }
        }
    }

    private interface IWindowOp
    {
        // The window's row lies on a padding row of the image.
        static abstract void Outside(Span<float> window);

        // pixels: the K image pixels the window reads, all inside the image.
        static abstract void Inside(Span<float> pixels, Span<float> window);

        // line: the image row; window[kx] reads line[first + kx] where that is inside the row, else padding.
        static abstract void Border(Span<float> line, int first, Span<float> window);
    }

    private readonly struct Gather : IWindowOp
    {
        public static void Outside(Span<float> window) => window.Clear();

        public static void Inside(Span<float> pixels, Span<float> window) => pixels.CopyTo(window);

        public static void Border(Span<float> line, int first, Span<float> window)
        {
            for (var kx = 0; kx < window.Length; kx++)
            {
                var sx = first + kx;
                window[kx] = sx >= 0 && sx < line.Length ? line[sx] : 0f;
            }
        }
    }

    private readonly struct Scatter : IWindowOp
    {
        public static void Outside(Span<float> window)
        {
        }

        public static void Inside(Span<float> pixels, Span<float> window)
        {
            for (var kx = 0; kx < window.Length; kx++)
            {
                pixels[kx] += window[kx];
            }
        }

        public static void Border(Span<float> line, int first, Span<float> window)
        {
            for (var kx = 0; kx < window.Length; kx++)
            {
                var sx = first + kx;
                if (sx >= 0 && sx < line.Length)
                {
                    line[sx] += window[kx];
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
