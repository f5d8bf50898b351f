using Autonet.Tensors.Memory;
using Autonet.Tensors.Ops;

namespace Autonet.Tensors.Modules;

/// <summary>
/// ViT encoder: patch embed, fixed 2D sin-cos positions, optional gather of kept tokens (I-JEPA's context
/// encoder sees only context patches), pre-norm blocks and a final norm. images (B, Cin, H, W) -> (B, K, C),
/// K = T when keep is null. Parameters are named as in timm ("patch_embed.proj.weight", "blocks.0.attn.qkv.weight").
/// </summary>
public sealed class VitEncoder
{
    private int[]? _keep;
    private int[] _embeddedShape = [];

    public VitEncoder(ParameterArena arena, VitConfig config, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        PatchEmbed = new PatchEmbed(arena, prefix + "patch_embed", config);
        Positions = SinCos.TwoD(config.GridSize, config.GridSize, config.Width);
        Trunk = new TransformerStack(arena, prefix, config.Width, config.Depth, config.Heads, config.MlpRatio);
    }

    public VitConfig Config { get; }

    public PatchEmbed PatchEmbed { get; }

    /// <summary>Fixed (T, C) table, not a parameter; predictors gather target positions from it.</summary>
    public Tensor Positions { get; }

    public TransformerStack Trunk { get; }

    /// <summary>keep: (B * K) token indices in [0, T), K per item; null keeps every token.</summary>
    public Tensor Forward(Tensor images, ActivationArena arena, int[]? keep = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(arena);
        var x = PatchEmbed.Forward(images, arena); // (B, T, C)
        Tokens.AddPositions(x, Positions);
        _keep = keep;
        _embeddedShape = x.Shape;
        if (keep != null)
        {
            var b = images.Shape[0];
            if (keep.Length % b != 0)
            {
                Errors.Shape("VitEncoder", $"{keep.Length} kept indices do not split evenly over batch {b}");
            }
            var kept = arena.Take(b, keep.Length / b, Config.Width);
            Tokens.Gather(x, keep, kept);
            x = kept;
        }
        return Trunk.Forward(x, arena);
    }

    /// <summary>Accumulates every parameter gradient from dy (B, K, C); returns dImages only when needImageGrad.</summary>
    public Tensor? Backward(Tensor dy, ActivationArena arena, bool needImageGrad = false)
    {
        ArgumentNullException.ThrowIfNull(arena);
        var dx = Trunk.Backward(dy, arena);
        if (_keep != null)
        {
            var full = arena.TakeZeroed(_embeddedShape);
            Tokens.GatherBackward(_keep, dx, full);
            dx = full;
        }
        return PatchEmbed.Backward(dx, arena, needImageGrad);
    }
}
