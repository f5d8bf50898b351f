using Autonet.Tensors.Memory;

namespace Autonet.Tensors.Modules;

/// <summary>
/// Splits images (B, Cin, H, W) into non-overlapping P x P patches (B, T, Cin*P*P), flattened in (c, py, px)
/// order so the weight (C, Cin*P*P) equals a torch Conv2d(kernel=stride=P) weight reshaped, then projects to C.
/// Backward accumulates the projection's grads and, when asked (a convolutional stem below), returns dImages.
/// </summary>
public sealed class PatchEmbed
{
    private readonly VitConfig _config;

    public PatchEmbed(ParameterArena arena, string name, VitConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        _config = config;
        Proj = new LinearLayer(arena, name + ".proj", config.PatchDim, config.Width);
    }

    public LinearLayer Proj { get; }

    public Tensor Forward(Tensor images, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(arena);
        var (s, p, ch, g) = (_config.ImageSize, _config.PatchSize, _config.InChannels, _config.GridSize);
        if (images.Rank != 4 || images.Shape[1] != ch || images.Shape[2] != s || images.Shape[3] != s)
        {
            Errors.Shape("PatchEmbed", $"images must be (B, {ch}, {s}, {s}), got {Errors.Format(images.Shape)}");
        }
        var b = images.Shape[0];
        var patches = arena.Take(b, _config.Tokens, _config.PatchDim);
        var src = images.Span;
        var dst = patches.Span;
        var i = 0;
        for (var n = 0; n < b; n++)
        {
            for (var gy = 0; gy < g; gy++)
            {
                for (var gx = 0; gx < g; gx++)
                {
                    for (var c = 0; c < ch; c++)
                    {
                        for (var py = 0; py < p; py++)
                        {
                            src.Slice((((((n * ch) + c) * s) + (gy * p) + py) * s) + (gx * p), p).CopyTo(dst.Slice(i, p));
                            i += p;
                        }
                    }
                }
            }
        }
        return Proj.Forward(patches, arena);
    }

    /// <summary>Accumulates the projection's grads; returns dImages (B, Cin, H, W) only when needImageGrad.</summary>
    public Tensor? Backward(Tensor dy, ActivationArena arena, bool needImageGrad = false)
    {
        ArgumentNullException.ThrowIfNull(arena);
        var dPatches = Proj.Backward(dy, arena, needInputGrad: needImageGrad);
        if (dPatches is null)
        {
            return null;
        }
        var (s, p, ch, g) = (_config.ImageSize, _config.PatchSize, _config.InChannels, _config.GridSize);
        var b = dPatches.Shape[0];
        var images = arena.Take(b, ch, s, s);
        var src = dPatches.Span;
        var dst = images.Span;
        var i = 0;
        for (var n = 0; n < b; n++)
        {
            for (var gy = 0; gy < g; gy++)
            {
                for (var gx = 0; gx < g; gx++)
                {
                    for (var c = 0; c < ch; c++)
                    {
                        for (var py = 0; py < p; py++)
                        {
                            src.Slice(i, p).CopyTo(dst.Slice((((((n * ch) + c) * s) + (gy * p) + py) * s) + (gx * p), p));
                            i += p;
                        }
                    }
                }
            }
        }
        return images;
    }
}
