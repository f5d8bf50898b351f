// A solver's share of the data (config.yaml's data.share_file): sample indices, one per line, into the training
// images, text windows or train pairs the node loads; blank lines and lines starting with '#' are skipped. What the
// devnet's launcher writes for each solver of a run (its Dirichlet split), and what a user may write by hand.
using System.Globalization;

namespace Autonet.Node.Roles;

/// <summary>Reads and writes data.share_file.</summary>
public static class ShareFile
{
    /// <summary>A share file larger than this is refused (60 000 indices take under 400 KB).</summary>
    public const int MaxBytes = 4 << 20;

    /// <summary>The indices in <paramref name="path"/>, in file order.</summary>
    /// <exception cref="FormatException">The file is missing, too large, or a line is not an index (the message names the file, the line and the rule).</exception>
    public static int[] Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FormatException($"data.share_file = {path}: no such file; rule: a file of sample indices, one per line (empty: train on all the loaded data)");
        }
        if (new FileInfo(path).Length > MaxBytes)
        {
            throw new FormatException($"data.share_file = {path}: over the {MaxBytes}-byte limit of a share file");
        }
        var indices = new List<int>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text[0] == '#')
            {
                continue;
            }
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                throw new FormatException($"data.share_file = {path} line {number}: '{text}' is not a sample index; rule: one whole number of 0 or more per line");
            }
            indices.Add(index);
        }
        if (indices.Count == 0)
        {
            throw new FormatException($"data.share_file = {path}: no indices; rule: at least one (empty data.share_file: train on all the loaded data)");
        }
        return [.. indices];
    }

    /// <summary>Writes <paramref name="indices"/> to <paramref name="path"/>, one per line.</summary>
    public static void Write(string path, IEnumerable<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        File.WriteAllLines(path, indices.Select(i => i.ToString(CultureInfo.InvariantCulture)));
    }
}
