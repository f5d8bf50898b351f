// The I-JEPA context/target encoder: the engine's ViT (patch embed, fixed 2D sin-cos positions, pre-norm blocks)
// with the patch projection re-initialised at std = gain / sqrt(patch_dim) instead of Xavier/0.02, so that a patch's
// content is as large as its position code (see JepaConfig.EmbedInitGain and issue 7's collapse analysis).
using Autonet.Tensors;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Modules;

namespace Autonet.Models.Jepa;

/// <summary>ViT encoder over image patches; keep gathers the visible patches after positions are added.</summary>
public sealed class ImageTokenEncoder : ITokenEncoder
{
    private readonly VitEncoder _vit;

    public ImageTokenEncoder(ParameterArena arena, JepaConfig config, string prefix)
    {
        ArgumentNullException.ThrowIfNull(config);
        _vit = new VitEncoder(arena, new VitConfig(config.ImageSize, config.PatchSize, config.InChannels, config.Width, config.Depth, config.Heads, config.MlpRatio), prefix);
        var weight = _vit.PatchEmbed.Proj.Weight; // (C, Cin*P*P)
        Init.Gaussian(weight.Value, config.EmbedInitGain / MathF.Sqrt(weight.Shape[1]), arena.Generator); // continues the arena stream after the ViT's own draws
    }

    public int Width => _vit.Config.Width;

    public int Tokens => _vit.Config.Tokens;

    public Tensor Forward(JepaInput input, int[]? keep, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(input);
        var images = input.Images ?? throw new ArgumentException("an image encoder needs images, got token ids", nameof(input));
        return _vit.Forward(images, arena, keep);
    }

    public void Backward(Tensor dy, ActivationArena arena) => _vit.Backward(dy, arena);
}
