namespace Autonet.Data.Pairs;

/// <summary>Greedy word wrap to a terminal width; a word longer than the width is split.</summary>
public static class TextWrap
{
    /// <summary>The lines of <paramref name="text"/> at most <paramref name="columns"/> wide; spaces at the breaks are dropped.</summary>
    public static IReadOnlyList<string> Lines(string text, int columns)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            for (var rest = word; rest.Length > 0;)
            {
                var room = line.Length == 0 ? columns : columns - line.Length - 1;
                if (rest.Length <= room)
                {
                    line = line.Length == 0 ? rest : line + " " + rest;
                    rest = "";
                }
                else if (line.Length > 0)
                {
                    lines.Add(line);
                    line = "";
                }
                else
                {
                    lines.Add(rest[..columns]);
                    rest = rest[columns..];
                }
            }
        }
        if (line.Length > 0)
        {
            lines.Add(line);
        }
        return lines;
    }
}
