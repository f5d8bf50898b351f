using Autonet.Tensors.Memory;
using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Modules;

/// <summary>
/// A convolutional stem before patchify (Xiao et al. 2021, "Early convolutions help transformers see better", scaled
/// down): layers of K x K convolution (stride 1, zero padding K/2) + ReLU, images (B, Cin, H, W) -> (B, Cs, H, W).
/// Each convolution is im2col + one GEMM (<see cref="Conv"/>); weight "name.L.weight" is (Cs, Cin*K*K), a torch
/// Conv2d weight flattened. Forward remembers what backward needs; one Forward per Backward.
/// </summary>
public sealed class ConvStem
{
    private readonly LinearLayer[] _layers;
    private readonly Tensor[] _inputs;
    private readonly Tensor[] _outputs;

    public ConvStem(ParameterArena arena, string name, int inChannels, int channels, int layers, int kernel = 3)
    {
        ArgumentNullException.ThrowIfNull(arena);
        if (inChannels < 1 || channels < 1 || layers < 1 || kernel < 1 || kernel % 2 == 0)
        {
            Errors.Shape("ConvStem", $"in channels {inChannels}, channels {channels} and layers {layers} must be positive and kernel {kernel} odd");
        }
        (InChannels, Channels, Kernel) = (inChannels, channels, kernel);
        _layers = [.. Enumerable.Range(0, layers).Select(l => new LinearLayer(arena, $"{name}.{l}", (l == 0 ? inChannels : channels) * kernel * kernel, channels))];
        _inputs = new Tensor[layers];
        _outputs = new Tensor[layers];
    }

    public int InChannels { get; }

    public int Channels { get; }

    public int Kernel { get; }

    public IReadOnlyList<LinearLayer> Layers => _layers;

    public Tensor Forward(Tensor images, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(arena);
        if (images.Rank != 4 || images.Shape[1] != InChannels)
        {
            Errors.Shape("ConvStem", $"images must be (B, {InChannels}, H, W), got {Errors.Format(images.Shape)}");
        }
        var (b, h, w) = (images.Shape[0], images.Shape[2], images.Shape[3]);
        var x = images;
        for (var l = 0; l < _layers.Length; l++)
        {
            var cols = arena.Take(b * h * w, x.Shape[1] * Kernel * Kernel);
            Conv.Im2Col(x, Kernel, cols);
            var rows = _layers[l].Forward(cols, arena); // (B*H*W, Cs)
            var y = arena.Take(b, Channels, h, w);
            Conv.ToChannelsFirst(rows.Span, b, h * w, Channels, y.Span);
            Relu(y.Span);
            (_inputs[l], _outputs[l]) = (x, y);
            x = y;
        }
        return x;
    }

    /// <summary>Accumulates every weight and bias gradient from dy (B, Cs, H, W); the images get no gradient.</summary>
    public void Backward(Tensor dy, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(dy);
        ArgumentNullException.ThrowIfNull(arena);
        var d = dy;
        for (var l = _layers.Length - 1; l >= 0; l--)
        {
            var (x, y) = (_inputs[l] ?? throw new InvalidOperationException("ConvStem.Backward called before Forward"), _outputs[l]);
            d.Expect("ConvStem dy", y.Shape);
            var (b, h, w) = (y.Shape[0], y.Shape[2], y.Shape[3]);
            var masked = arena.Take(y.Shape);
            ReluBackward(y.Span, d.Span, masked.Span);
            var rows = arena.Take(b * h * w, Channels);
            Conv.ToChannelsLast(masked.Span, b, h * w, Channels, rows.Span);
            var dCols = _layers[l].Backward(rows, arena, needInputGrad: l > 0);
            if (dCols is not null)
            {
                var dx = arena.TakeZeroed(x.Shape);
                Conv.Col2Im(dCols, Kernel, dx);
                d = dx;
            }
        }
    }

    private static void Relu(Span<float> x)
    {
        System.Numerics.Tensors.TensorPrimitives.Max(x, 0f, x);
    }

    // dx = dy where the ReLU's output was positive, else 0.
    private static void ReluBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (var i = 0; i < y.Length; i++)
        {
            dx[i] = y[i] > 0 ? dy[i] : 0f;
        }
    }
}
