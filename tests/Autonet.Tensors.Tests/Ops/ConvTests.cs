using Autonet.Tensors.Memory;
using Autonet.Tensors.Modules;
using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Tests.Ops;

public class ConvTests
{
    [Fact]
    public void Im2ColGemm_RandomInput_MatchesDirectConvolution()
    {
        var (n, cin, cout, h, w, k) = (2, 3, 4, 5, 6, 3);
        var (x, weight, bias) = (Check.RandomTensor(1, n, cin, h, w), Check.RandomTensor(2, cout, cin * k * k), Check.RandomTensor(3, cout));
        var cols = Tensor.Zeros(n * h * w, cin * k * k);
        Conv.Im2Col(x, k, cols);
        var rows = Tensor.Zeros(n * h * w, cout);
        Linear.Forward(cols, weight, bias, rows);
        var y = new float[n * cout * h * w];
        Conv.ToChannelsFirst(rows.Span, n, h * w, cout, y);
        Check.Close(DirectConvolution(x.Data, weight.Data, bias.Data, n, cin, cout, h, w, k), y);
    }

    [Fact]
    public void Col2Im_IsTheAdjointOfIm2Col()
    {
        var (n, c, h, w, k) = (2, 2, 4, 3, 5);
        var x = Check.RandomTensor(4, n, c, h, w);
        var g = Check.RandomTensor(5, n * h * w, c * k * k);
        var cols = Tensor.Zeros(g.Shape);
        Conv.Im2Col(x, k, cols);
        var dx = Tensor.Zeros(x.Shape);
        Conv.Col2Im(g, k, dx);
        Assert.Equal(Check.Dot(cols.Span, g.Span), Check.Dot(x.Span, dx.Span), 4);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(3, 4)]
    [InlineData(5, 2)]
    [InlineData(1, 3)]
    public void Im2ColAndCol2Im_AnyThreads_EqualTheOnePixelAtATimeDefinition(int k, int threads)
    {
        var (n, c, h, w) = (5, 3, 6, 7);
        var x = Check.RandomTensor(6, n, c, h, w);
        var g = Check.RandomTensor(7, n * h * w, c * k * k);
        var (cols, dx) = (Tensor.Zeros(g.Shape), Check.RandomTensor(8, n, c, h, w)); // dx starts non-zero: Col2Im adds
        var expectedDx = dx.ToArray();
        var saved = Parallelism.Degree;
        Parallelism.Degree = threads;
        try
        {
            Conv.Im2Col(x, k, cols);
            Conv.Col2Im(g, k, dx);
        }
        finally
        {
            Parallelism.Degree = saved;
        }
        var (expectedCols, pad) = (new float[g.Span.Length], k / 2);
        for (var (row, b) = (0, 0); b < n; b++)
        {
            for (var y = 0; y < h; y++)
            {
                for (var xx = 0; xx < w; xx++, row++)
                {
                    for (var (i, ch) = (0, 0); ch < c; ch++)
                    {
                        for (var ky = 0; ky < k; ky++)
                        {
                            for (var kx = 0; kx < k; kx++, i++)
                            {
                                var (sy, sx) = (y + ky - pad, xx + kx - pad);
                                if (sy >= 0 && sy < h && sx >= 0 && sx < w)
                                {
                                    var at = (((b * c) + ch) * h * w) + (sy * w) + sx;
                                    expectedCols[(row * c * k * k) + i] = x.Data[at];
                                    expectedDx[at] += g.Data[(row * c * k * k) + i];
                                }
                            }
                        }
                    }
                }
            }
        }
        Assert.Equal(expectedCols, cols.ToArray());
        Assert.Equal(expectedDx, dx.ToArray()); // the same order of sums, so the same bits
    }

    [Fact]
    public void ChannelsLastAndFirst_RoundTrip()
    {
        var x = Check.Random(2 * 6 * 3, 6);
        var first = new float[x.Length];
        var back = new float[x.Length];
        Conv.ToChannelsFirst(x, 2, 6, 3, first);
        Conv.ToChannelsLast(first, 2, 6, 3, back);
        Assert.Equal(x, back);
        Assert.Equal(x[(4 * 3) + 2], first[(2 * 6) + 4]); // pixel 4, channel 2 of image 0
    }

    [Fact]
    public void ConvStem_Backward_ParameterGradsMatchFiniteDifferences()
    {
        var arena = new ParameterArena(1);
        var stem = new ConvStem(arena, "stem", 1, 3, 2);
        var acts = new ActivationArena();
        var x = Check.RandomTensor(2, 2, 1, 5, 5);
        var w = Check.Random(2 * 3 * 25, 3);
        double Loss()
        {
            acts.Reset();
            return Check.Dot(stem.Forward(x, acts).Span, w);
        }
        Loss();
        stem.Backward(Tensor.From(w, 2, 3, 5, 5), acts);
        Check.Gradient(arena.Values, arena.Grads.ToArray(), Loss, h: 1e-3f); // a smaller step: fewer ReLU kinks crossed
        Assert.Equal(["stem.0.weight", "stem.0.bias", "stem.1.weight", "stem.1.bias"], arena.Parameters.Select(p => p.Name));
        Assert.Equal([3, 27], arena["stem.1.weight"].Shape);
    }

    [Fact]
    public void VitEncoder_ImageGrad_MatchesFiniteDifferences()
    {
        var arena = new ParameterArena(1);
        var vit = new VitEncoder(arena, new VitConfig(8, 4, 2, 8, 1, 2, 2));
        var acts = new ActivationArena();
        var x = Check.RandomTensor(3, 2, 2, 8, 8);
        var w = Check.Random(2 * 4 * 8, 5);
        double Loss()
        {
            acts.Reset();
            return Check.Dot(vit.Forward(x, acts).Span, w);
        }
        Loss();
        var dx = vit.Backward(Tensor.From(w, 2, 4, 8), acts, needImageGrad: true)!;
        Check.Gradient(x.Span, dx.ToArray(), Loss);
        Loss();
        Assert.Null(vit.Backward(Tensor.From(w, 2, 4, 8), acts));
    }

    [Fact]
    public void Im2Col_EvenKernel_NamesTheRule()
    {
        var e = Assert.Throws<ArgumentException>(() => Conv.Im2Col(Tensor.Zeros(1, 1, 4, 4), 2, Tensor.Zeros(16, 4)));
        Assert.Contains("kernel 2 must be odd", e.Message, StringComparison.Ordinal);
        var stem = new ConvStem(new ParameterArena(1), "s", 1, 2, 1);
        var wrong = Assert.Throws<ArgumentException>(() => stem.Forward(Tensor.Zeros(1, 3, 4, 4), new ActivationArena()));
        Assert.Contains("images must be (B, 1, H, W), got (1, 3, 4, 4)", wrong.Message, StringComparison.Ordinal);
    }

    // The definition: y[n, o, i, j] = b[o] + sum over c, u, v of w[o, c, u, v] x[n, c, i + u - k/2, j + v - k/2] (zero outside).
    private static float[] DirectConvolution(float[] x, float[] w, float[] b, int n, int cin, int cout, int h, int wd, int k)
    {
        var y = new float[n * cout * h * wd];
        for (var s = 0; s < n; s++)
        {
            for (var o = 0; o < cout; o++)
            {
                for (var i = 0; i < h; i++)
                {
                    for (var j = 0; j < wd; j++)
                    {
                        double sum = b[o];
                        for (var c = 0; c < cin; c++)
                        {
                            for (var u = 0; u < k; u++)
                            {
                                for (var v = 0; v < k; v++)
                                {
                                    var (yy, xx) = (i + u - (k / 2), j + v - (k / 2));
                                    if (yy >= 0 && yy < h && xx >= 0 && xx < wd)
                                    {
                                        sum += w[(((o * cin) + c) * k * k) + (u * k) + v] * x[(((s * cin) + c) * h * wd) + (yy * wd) + xx];
                                    }
                                }
                            }
                        }
                        y[(((s * cout) + o) * h * wd) + (i * wd) + j] = (float)sum;
                    }
                }
            }
        }
        return y;
    }
}
