// I-JEPA multi-block masking options (Assran et al. 2023, §3 and Appendix C): 4 target blocks of scale
// 0.15-0.2 and aspect 0.75-1.5, one context block of scale 0.85-1.0 (aspect 1) with the targets removed.
// The grid is patches per side: a 28x28 Fashion-MNIST image with 4x4 patches is a 7x7 grid.
namespace Autonet.Models.Masking;

/// <summary>Options of the multi-block image masker; Validate() checks that a minimum context can always be met.</summary>
public sealed record ImageMaskConfig
{
    public int GridHeight { get; init; } = 7;

    public int GridWidth { get; init; } = 7;

    public int TargetBlocks { get; init; } = 4;

    public double TargetScaleMin { get; init; } = 0.15;

    public double TargetScaleMax { get; init; } = 0.2;

    public double TargetAspectMin { get; init; } = 0.75;

    public double TargetAspectMax { get; init; } = 1.5;

    public double ContextScaleMin { get; init; } = 0.85;

    public double ContextScaleMax { get; init; } = 1.0;

    /// <summary>Fewest context patches a sample may have (I-JEPA's min_keep is 4 on 14x14; 8 of 49 here).</summary>
    public int MinContextTokens { get; init; } = 8;

    /// <summary>Redraws of block positions before the guaranteed fallback (see ImageMasker).</summary>
    public int MaxAttempts { get; init; } = 20;

    public int PatchCount => GridHeight * GridWidth;

    /// <exception cref="ArgumentException">an option is out of range, or MinContextTokens cannot be guaranteed</exception>
    public void Validate()
    {
        if (GridHeight < 2 || GridWidth < 2)
        {
            Errors.Option("grid", $"{GridHeight}x{GridWidth}", "grid must be at least 2x2 patches");
        }
        if (TargetBlocks < 1)
        {
            Errors.Option("target_blocks", TargetBlocks, "must be at least 1");
        }
        CheckRange("target_scale", TargetScaleMin, TargetScaleMax, 0, 1);
        CheckRange("target_aspect", TargetAspectMin, TargetAspectMax, 0, double.MaxValue);
        CheckRange("context_scale", ContextScaleMin, ContextScaleMax, 0, 1);
        if (MaxAttempts < 1)
        {
            Errors.Option("max_attempts", MaxAttempts, "must be at least 1");
        }
        // The fallback keeps one target block and the whole grid as context, so this bound is what we can promise.
        var worstBlock = ImageMasker.MaxBlockArea(this);
        if (MinContextTokens < 1 || MinContextTokens > PatchCount - worstBlock)
        {
            Errors.Option("min_context_tokens", MinContextTokens,
                $"must be in 1..{PatchCount - worstBlock} (grid {GridHeight}x{GridWidth} = {PatchCount} patches minus the largest target block, {worstBlock})");
        }
    }

    private static void CheckRange(string name, double min, double max, double lowest, double highest)
    {
        if (!(min > lowest) || !(max >= min) || !(max <= highest))
        {
            Errors.Option(name, $"{min}..{max}", $"need {lowest} < min <= max <= {highest}");
        }
    }
}
