// Test data only (the project's pair set comes from `autonet data pairs`, issue 18): a small pair folder in the pair
// format, real text nobody here wrote (the package descriptions in this machine's /var/lib/dpkg/status) drawn black on
// white with SkiaSharp's default typeface, word-wrapped, into size x size grey PNGs. Linked into the tests that need pairs.
using System.Text;
using System.Text.Json;
using SkiaSharp;

namespace Autonet.Tests.Pairs;

internal static class RenderedPairs
{
    /// <summary>Writes DIR/pairs.jsonl and DIR/images/*.png: count pairs, the last heldOut of them "heldout".</summary>
    public static IReadOnlyList<string> Write(string directory, int count, int heldOut, int size = 64)
    {
        var texts = Descriptions(count);
        Directory.CreateDirectory(Path.Combine(directory, "images"));
        var lines = new StringBuilder();
        for (var i = 0; i < texts.Count; i++)
        {
            var id = i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            File.WriteAllBytes(Path.Combine(directory, "images", id + ".png"), Render(texts[i], size));
            lines.AppendLine(JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["id"] = id,
                ["image"] = $"images/{id}.png",
                ["text"] = texts[i],
                ["captured_at"] = new DateTimeOffset(2026, 12, 1, 18, 0, 0, TimeSpan.Zero).AddSeconds(i).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                ["split"] = i >= texts.Count - heldOut ? "heldout" : "train",
            }));
        }
        File.WriteAllText(Path.Combine(directory, "pairs.jsonl"), lines.ToString());
        return texts;
    }

    // "package: synopsis. first words of the long description", distinct, from dpkg's status file (deb822 stanzas).
    private static List<string> Descriptions(int count)
    {
        var texts = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? package = null;
        StringBuilder? text = null;
        foreach (var line in File.ReadLines("/var/lib/dpkg/status").Append(""))
        {
            if (line.StartsWith("Package: ", StringComparison.Ordinal))
            {
                package = line[9..];
            }
            else if (line.StartsWith("Description: ", StringComparison.Ordinal))
            {
                text = new StringBuilder($"{package}: {line[13..]}.");
            }
            else if (text != null && line.StartsWith(' ') && line.Trim() != ".")
            {
                text.Append(' ').Append(line.Trim());
            }
            else if (text != null)
            {
                var t = text.ToString();
                if (seen.Add(t))
                {
                    texts.Add(t.Length > 200 ? t[..200] : t);
                }
                text = null;
            }
            if (texts.Count == count)
            {
                return texts;
            }
        }
        throw new InvalidOperationException($"/var/lib/dpkg/status has {texts.Count} package descriptions, the test needs {count}");
    }

    private static byte[] Render(string text, int size)
    {
        using var bitmap = new SKBitmap(size * 4, size * 4);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, size / 4f);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        var (x, y, lineHeight) = (4f, size / 4f, size / 4f * 1.2f);
        foreach (var word in text.Split(' '))
        {
            var width = font.MeasureText(word + " ");
            if (x + width > size * 4 && x > 4)
            {
                (x, y) = (4, y + lineHeight);
            }
            canvas.DrawText(word, x, y, SKTextAlign.Left, font, paint);
            x += width;
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
