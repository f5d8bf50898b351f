namespace Autonet.Data.Pairs;

/// <summary>What a pair folder gave and skipped, by reason; every skipped line is counted here, never thrown.</summary>
public sealed class PairStats
{
    public int Train { get; internal set; }

    public int HeldOut { get; internal set; }

    /// <summary>Lines that are not a JSON object with the format's fields (or repeat an id).</summary>
    public int SkippedBadLine { get; internal set; }

    /// <summary>Lines whose image is missing, outside the folder, truncated, not an image, or not PNG/JPEG.</summary>
    public int SkippedBadImage { get; internal set; }

    /// <summary>The first skip reasons, with the line: "pairs.jsonl:12: image 'images/x.png': truncated PNG".</summary>
    public List<string> Reasons { get; } = [];

    public override string ToString() =>
        $"{Train} train / {HeldOut} held-out pairs; skipped {SkippedBadLine} bad lines, {SkippedBadImage} bad images";

    internal void Skip(int line, string reason, bool image)
    {
        if (image)
        {
            SkippedBadImage++;
        }
        else
        {
            SkippedBadLine++;
        }
        if (Reasons.Count < 20)
        {
            Reasons.Add($"{PairFolder.FileName}:{line}: {reason}");
        }
    }
}
