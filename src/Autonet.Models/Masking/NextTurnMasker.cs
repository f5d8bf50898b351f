// The served K-vector query as a training mask (issue 16): a provider's KVectorEncoder places a context at positions
// [0, n) and asks the predictor for the K positions [n, n + K) after it. This masker makes exactly that the target:
// the last K real tokens of a window are one target set, every real token before them is context, nothing else is
// seen. On a window that ends K tokens into a reply (TextTrainingDataSource.ReadNextTurnWindows) the predictor then
// trains on the prediction it serves. Not random: the generator is accepted for the IMasker contract and not drawn.
using Autonet.Core.Randomness;

namespace Autonet.Models.Masking;

/// <summary>Targets: the last K real tokens of a sequence (one set); context: every real token before them.</summary>
public sealed class NextTurnMasker : IMasker
{
    /// <param name="queryTokens">K, the positions a served K-vector query predicts (<see cref="Jepa.KVectorShape"/>'s K).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="queryTokens"/> is below 1.</exception>
    public NextTurnMasker(int queryTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queryTokens);
        QueryTokens = queryTokens;
    }

    /// <summary>K: the targets of every sample.</summary>
    public int QueryTokens { get; }

    /// <summary>Masks over the positions where attentionMask is 1, in order: the last K of them are the targets.</summary>
    /// <exception cref="ArgumentException">fewer than K + 1 real tokens (the query needs at least one token of context)</exception>
    public MaskSet Sample(ReadOnlySpan<byte> attentionMask, SeededRandom random)
    {
        var positions = new List<int>(attentionMask.Length);
        for (var i = 0; i < attentionMask.Length; i++)
        {
            if (attentionMask[i] != 0)
            {
                positions.Add(i);
            }
        }
        if (positions.Count <= QueryTokens)
        {
            Errors.Argument(nameof(attentionMask), $"{positions.Count} real tokens hold no next-turn query of {QueryTokens} tokens: need at least {QueryTokens + 1} (one token of context)");
        }
        var split = positions.Count - QueryTokens;
        return new MaskSet([.. positions.Take(split)], [[.. positions.Skip(split)]]);
    }

    /// <summary>Masks for a sequence whose first validLength tokens are real.</summary>
    public MaskSet Sample(int validLength, SeededRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(validLength);
        var mask = new byte[validLength];
        mask.AsSpan().Fill(1);
        return Sample(mask, random);
    }
}
