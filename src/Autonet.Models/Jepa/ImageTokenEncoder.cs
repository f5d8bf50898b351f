// The I-JEPA context/target encoder: the engine's ViT (patch embed, fixed 2D sin-cos positions, pre-norm blocks)
// with the patch projection re-initialised at std = gain / sqrt(patch_dim) instead of Xavier/0.02, so that a patch's
// content is as large as its position code (see JepaConfig.EmbedInitGain and issue 7's collapse analysis).
// With JepaConfig.StemLayers > 0 a convolutional stem (3x3 conv + ReLU, He-normal init: std sqrt(2 / fan-in), He et
// al. 2015) runs on the whole image before patchify, and the ViT patchifies its channels instead of the pixels.
using Autonet.Tensors;
using Autonet.Tensors.Memory;
using Autonet.Tensors.Modules;

namespace Autonet.Models.Jepa;

/// <summary>ViT encoder over image patches (optionally over a conv stem's maps); keep gathers the visible patches after positions are added.</summary>
public sealed class ImageTokenEncoder : ITokenEncoder
{
    private readonly VitEncoder _vit;
    private readonly ConvStem? _stem;

    public ImageTokenEncoder(ParameterArena arena, JepaConfig config, string prefix)
    {
        ArgumentNullException.ThrowIfNull(arena);
        ArgumentNullException.ThrowIfNull(config);
        _vit = new VitEncoder(arena, new VitConfig(config.ImageSize, config.PatchSize, config.PatchChannels, config.Width, config.Depth, config.Heads, config.MlpRatio), prefix);
        var weight = _vit.PatchEmbed.Proj.Weight; // (C, Cin*P*P)
        Init.Gaussian(weight.Value, config.EmbedInitGain / MathF.Sqrt(weight.Shape[1]), arena.Generator); // continues the arena stream after the ViT's own draws
        if (config.StemLayers > 0)
        {
            _stem = new ConvStem(arena, prefix + "stem", config.InChannels, config.StemChannels, config.StemLayers);
            foreach (var layer in _stem.Layers)
            {
                Init.Gaussian(layer.Weight.Value, MathF.Sqrt(2f / layer.In), arena.Generator);
            }
        }
    }

    public int Width => _vit.Config.Width;

    public int Tokens => _vit.Config.Tokens;

    public Tensor Forward(JepaInput input, int[]? keep, ActivationArena arena)
    {
        ArgumentNullException.ThrowIfNull(input);
        var images = input.Images ?? throw new ArgumentException("an image encoder needs images, got token ids", nameof(input));
        return _vit.Forward(_stem is null ? images : _stem.Forward(images, arena), arena, keep);
    }

    public void Backward(Tensor dy, ActivationArena arena)
    {
        var dMaps = _vit.Backward(dy, arena, needImageGrad: _stem is not null);
        if (_stem is not null)
        {
            _stem.Backward(dMaps!, arena);
        }
    }
}
