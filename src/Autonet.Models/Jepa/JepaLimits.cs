// Upper limits on a JEPA architecture, checked by JepaConfig.Validate before `new JepaModel(config)` allocates: a
// manifest arrives inside a stranger's checkpoint or base model, so its dimensions must not size our memory. The
// numbers are far above anything trained here (issue 7's reference config is width 192, depth 4) and below what a
// 24 GiB node can hold: MaxParameters floats in three arenas (encoder, EMA target, predictor) plus AdamW state.
namespace Autonet.Models.Jepa;

/// <summary>The largest dimensions a <see cref="JepaConfig"/> may have; <see cref="JepaConfig.Validate"/> enforces them.</summary>
public static class JepaLimits
{
    public const int MaxImageSize = 1024;

    public const int MaxInChannels = 16;

    /// <summary>Most channels and layers of an image model's convolutional stem (it runs at full resolution).</summary>
    public const int MaxStemChannels = 256;

    public const int MaxStemLayers = 8;

    public const int MaxVocab = 1 << 18;

    /// <summary>Most tokens per input: patches for images (grid²), MaxTokens for text.</summary>
    public const int MaxTokens = 8192;

    public const int MaxWidth = 8192;

    public const int MaxDepth = 64;

    public const int MaxHeads = 128;

    public const float MaxMlpRatio = 16;

    /// <summary>Most keys an InfoNCE queue keeps per direction (MoCo's is 65,536).</summary>
    public const int MaxAlignmentQueue = 65_536;

    /// <summary>Most floats in encoder + EMA target + predictor together (2^28 floats, 1 GiB).</summary>
    public const long MaxParameters = 1L << 28;
}
