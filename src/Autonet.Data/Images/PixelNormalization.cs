namespace Autonet.Data.Images;

/// <summary>How bytes 0..255 become floats.</summary>
public enum PixelNormalization
{
    /// <summary>x / 255, in [0, 1].</summary>
    UnitRange,

    /// <summary>(x / 255 - 0.2860) / 0.3530: zero mean, unit std over the Fashion-MNIST train split (constants in FashionMnist).</summary>
    Standardized,
}
