using Autonet.Core.Randomness;

namespace Autonet.Models.Masking;

/// <summary>Draws (context, targets) index sets for one sample; the same interface for images and text.</summary>
public interface IMasker
{
    /// <summary>
    /// Masks for one sample. attentionMask has one entry per token position (1 = real token, 0 = padding);
    /// only real positions may appear in the result.
    /// </summary>
    /// <exception cref="ArgumentException">the mask has the wrong length, or too few real tokens to mask</exception>
    MaskSet Sample(ReadOnlySpan<byte> attentionMask, SeededRandom random);
}
