// A folder of image-text pairs (issue 18, "Real data"): `pairs.jsonl`, one JSON object a line,
//   {"id": "000123", "image": "images/000123.png", "text": "...", "captured_at": "2026-12-01T18:00:00.000Z", "split": "train"|"heldout"}
// and the PNG (or JPEG) screenshots it names, relative to the folder. Untrusted: a bad line (not JSON, a missing or
// mistyped field, an unknown split, a repeated id) or a bad image (outside the folder, missing, truncated, not an
// image) is skipped and counted with its reason (PairStats); images decode through FrameDecoder (grey, resized, standardized).
using System.Text.Json;
using Autonet.Data.Frames;

namespace Autonet.Data.Pairs;

/// <summary>Reads a pair folder into decoded pairs.</summary>
public static class PairFolder
{
    public const string FileName = "pairs.jsonl";

    /// <summary>The longest pair text read, in characters; longer texts are cut (a window holds at most 2048 tokens anyway).</summary>
    public const int MaxTextChars = 64 * 1024;

    /// <summary>Every good pair in file order, with what was skipped.</summary>
    /// <exception cref="FileNotFoundException">The folder has no pairs.jsonl.</exception>
    public static (IReadOnlyList<ImageTextPair> Pairs, PairStats Stats) Read(string directory, int imageSize)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var root = Path.GetFullPath(directory);
        var file = Path.Combine(root, FileName);
        if (!File.Exists(file))
        {
            Errors.MissingFile(file, $"a pair folder holds {FileName} (one {{\"id\", \"image\", \"text\", \"captured_at\", \"split\"}} object a line) and the images it names");
        }
        var stats = new PairStats();
        var pairs = new List<ImageTextPair>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }
            if (!TryParse(line, out var fields, out var reason) || !ids.Add(fields.Id))
            {
                stats.Skip(number, reason ?? $"id '{fields.Id}' repeats an earlier line", image: false);
                continue;
            }
            if (!TryImage(root, fields.Image, imageSize, out var pixels, out reason))
            {
                stats.Skip(number, $"image '{fields.Image}': {reason}", image: true);
                continue;
            }
            pairs.Add(new ImageTextPair(fields.Id, pixels, fields.Text, fields.CapturedAt, fields.HeldOut));
            if (fields.HeldOut)
            {
                stats.HeldOut++;
            }
            else
            {
                stats.Train++;
            }
        }
        return (pairs, stats);
    }

    private static bool TryParse(string line, out Fields fields, out string? reason)
    {
        fields = default;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var o = doc.RootElement;
            if (o.ValueKind != JsonValueKind.Object)
            {
                reason = $"a JSON {o.ValueKind}, not an object";
                return false;
            }
            if (!Text(o, "id", out var id, out reason) || !Text(o, "image", out var image, out reason) || !Text(o, "text", out var text, out reason)
                || !Text(o, "captured_at", out var at, out reason) || !Text(o, "split", out var split, out reason))
            {
                return false;
            }
            if (!DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var capturedAt))
            {
                reason = $"captured_at '{at}' is not an ISO 8601 time";
                return false;
            }
            if (split is not ("train" or "heldout"))
            {
                reason = $"split '{split}' must be \"train\" or \"heldout\"";
                return false;
            }
            fields = new Fields(id, image, text.Length > MaxTextChars ? text[..MaxTextChars] : text, capturedAt, split == "heldout");
            reason = null;
            return true;
        }
        catch (JsonException e)
        {
            reason = $"not JSON ({e.Message})";
            return false;
        }
    }

    private static bool Text(JsonElement o, string name, out string value, out string? reason)
    {
        value = "";
        if (!o.TryGetProperty(name, out var e) || e.ValueKind != JsonValueKind.String || e.GetString() is not { Length: > 0 } s)
        {
            reason = $"field \"{name}\" must be a non-empty string";
            return false;
        }
        value = s;
        reason = null;
        return true;
    }

    private static bool TryImage(string root, string relative, int size, out float[] pixels, out string reason)
    {
        pixels = [];
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (Path.IsPathRooted(relative) || !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            reason = "must be a path inside the pair folder";
            return false;
        }
        if (!File.Exists(full))
        {
            reason = "file not found";
            return false;
        }
        var info = new FileInfo(full);
        if (info.Length > 64L << 20)
        {
            reason = $"{info.Length} bytes; at most 64 MiB are read";
            return false;
        }
        return FrameDecoder.TryDecode(File.ReadAllBytes(full), size, out pixels, out reason) == FrameDecodeResult.Ok;
    }

    private readonly record struct Fields(string Id, string Image, string Text, DateTimeOffset CapturedAt, bool HeldOut);
}
