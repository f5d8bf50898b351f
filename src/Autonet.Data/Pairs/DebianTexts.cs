// Real text nobody on this project wrote, for the paired image-text set: Debian's package descriptions. First the
// installed packages' full descriptions (dpkg's status file, deb822 stanzas: "Description:" is the synopsis, the
// continuation lines the long text, " ." a paragraph break), then the synopses of every package in apt's lists
// (/var/lib/apt/lists/*_Packages*, decompressed by apt's own `apt-helper cat-file`). Each text is "package: synopsis.
// long text", whitespace collapsed, printable ASCII only (what the renderer draws), cut at a word to at most MaxBytes.
// Texts with a synopsis seen before are dropped, so no two pairs read alike (a retrieval set must be unambiguous).
using System.Diagnostics;
using System.Text;

namespace Autonet.Data.Pairs;

/// <summary>Reads Debian package descriptions as short texts, deduplicated.</summary>
public static class DebianTexts
{
    public const string StatusFile = "/var/lib/dpkg/status";
    public const string ListsDirectory = "/var/lib/apt/lists";

    /// <summary>Up to <paramref name="count"/> distinct texts of at most <paramref name="maxBytes"/> bytes each, in file order.</summary>
    public static IReadOnlyList<(string Package, string Text)> Read(int count, int maxBytes, string statusFile = StatusFile, string listsDirectory = ListsDirectory)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 32);
        var texts = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Take(string package, string synopsis, string body)
        {
            var text = Compose(package, synopsis, body, maxBytes);
            if (texts.Count < count && text is not null && seen.Add(synopsis.ToLowerInvariant()))
            {
                texts.Add((package, text));
            }
        }
        if (File.Exists(statusFile))
        {
            using var reader = new StreamReader(statusFile, Encoding.UTF8);
            Stanzas(reader, Take);
        }
        var lists = Directory.Exists(listsDirectory) ? Directory.GetFiles(listsDirectory, "*_Packages*").Order(StringComparer.Ordinal).ToList() : [];
        foreach (var list in lists.TakeWhile(_ => texts.Count < count))
        {
            using var process = Process.Start(new ProcessStartInfo("/usr/lib/apt/apt-helper", ["cat-file", list]) { RedirectStandardOutput = true, UseShellExecute = false })
                ?? throw new IOException($"could not run apt-helper cat-file {list}");
            Stanzas(process.StandardOutput, Take);
            if (texts.Count >= count && !process.HasExited)
            {
                process.Kill();
            }
            process.WaitForExit();
        }
        return texts;
    }

    /// <summary>"package: synopsis. long text", printable ASCII, cut at a word to maxBytes; null when nothing printable is left.</summary>
    public static string? Compose(string package, string synopsis, string body, int maxBytes)
    {
        var text = Clean($"{package}: {synopsis.TrimEnd('.')}." + (body.Length > 0 ? " " + body : ""));
        if (text is null)
        {
            return null;
        }
        if (text.Length <= maxBytes)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', maxBytes);
        return cut > package.Length + 2 ? text[..cut] : text[..maxBytes];
    }

    // deb822 stanzas from a reader, line by line (a Packages list is tens of MB; it is never held whole).
    private static void Stanzas(TextReader reader, Action<string, string, string> take)
    {
        string? package = null, synopsis = null;
        var body = new StringBuilder();
        var inDescription = false;
        for (var line = reader.ReadLine(); ; line = reader.ReadLine())
        {
            if (line is null || line.Length == 0)
            {
                if (package is not null && synopsis is not null)
                {
                    take(package, synopsis, body.ToString());
                }
                if (line is null)
                {
                    return;
                }
                (package, synopsis, inDescription) = (null, null, false);
                body.Clear();
            }
            else if (line[0] is ' ' or '\t')
            {
                if (inDescription && body.Length < 4096)
                {
                    body.Append(line.Trim() == "." ? " " : " " + line.Trim());
                }
            }
            else
            {
                inDescription = line.StartsWith("Description:", StringComparison.Ordinal);
                if (inDescription)
                {
                    synopsis = line["Description:".Length..].Trim();
                }
                else if (line.StartsWith("Package:", StringComparison.Ordinal))
                {
                    package = line["Package:".Length..].Trim();
                }
            }
        }
    }

    // Collapses whitespace; null when a character outside printable ASCII appears (the terminal font draws ASCII).
    private static string? Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                return null;
            }
            if (c != ' ' || (clean.Length > 0 && clean[^1] != ' '))
            {
                clean.Append(c);
            }
        }
        return clean.ToString().Trim();
    }
}
