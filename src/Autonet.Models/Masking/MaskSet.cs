namespace Autonet.Models.Masking;

/// <summary>
/// One sample's masks: Context holds the token indices the context encoder sees; each entry of Targets is one
/// target set (an image block or a text span) the predictor must predict. All arrays are sorted ascending,
/// and no target index is in Context.
/// </summary>
public sealed record MaskSet(int[] Context, int[][] Targets)
{
    /// <summary>Every target index once, sorted (blocks may overlap each other).</summary>
    public int[] AllTargets() => [.. Targets.SelectMany(t => t).Distinct().Order()];
}
