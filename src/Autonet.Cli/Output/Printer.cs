// Where a command's output goes and in what form. On a terminal: Spectre.Console tables, colours and live displays.
// Standard output a pipe or a file: plain lines (a table as tab-separated rows under a header row), never cursor
// codes, never wrapped or cut at 80 columns. With --json: standard output holds only JSON (one object, or JSON lines
// for a stream) and the human lines go to standard error. It decides nothing about what a command prints.
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Autonet.Node.State;
using Spectre.Console;

namespace Autonet.Cli.Output;

/// <summary>Prints a command's lines, tables and JSON in the form its standard output calls for.</summary>
internal sealed class Printer(bool json, bool terminal, TextWriter output, TextWriter error)
{
    // devnet.json's conventions, plus NaN and infinities as strings ("NaN": a diverged loss is data, not a crash) and
    // text as written ("1024³", "0.8.28+commit"), not \u-escaped: standard output is not embedded in HTML.
    private static readonly JsonSerializerOptions JsonOptions = new(IdJsonConverters.Documents)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The printer for this invocation: --json from the command line, terminal when standard output is not redirected.</summary>
    public static Printer For(ParseResult result) =>
        new(result.GetValue(GlobalOptions.Json), !Console.IsOutputRedirected, Console.Out, Console.Error);

    /// <summary>--json was given: standard output is JSON only.</summary>
    public bool Json => json;

    /// <summary>Standard output is a terminal and not --json: tables, colours and live displays may be drawn.</summary>
    public bool Rich => terminal && !json;

    /// <summary>A line for people (Spectre markup); plain text off a terminal, on standard error with --json.</summary>
    public void Line(string markup)
    {
        if (Rich)
        {
            AnsiConsole.MarkupLine(markup);
        }
        else
        {
            (json ? error : output).WriteLine(Markup.Remove(markup));
        }
    }

    /// <summary>A line of plain text (no markup) for people, escaped where it is drawn as markup.</summary>
    public void Text(string text) => Line(Markup.Escape(text));

    /// <summary>A table for people: a Spectre table on a terminal, else a header row and tab-separated rows; nothing with --json.</summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (json)
        {
            return;
        }
        if (Rich)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns(headers.Select(Markup.Escape).ToArray());
            foreach (var row in rows)
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }
            AnsiConsole.Write(table);
            return;
        }
        output.WriteLine(string.Join('\t', headers.Select(Cell)));
        foreach (var row in rows)
        {
            output.WriteLine(string.Join('\t', row.Select(Cell)));
        }
    }

    /// <summary>One JSON object on one line of standard output, only with --json (camelCase, kebab-case enums, nulls left out).</summary>
    public void Object(object value)
    {
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
            output.Flush();
        }
    }

    // A cell on one line: tabs and line breaks would split it into other columns or rows.
    private static string Cell(string text) => text.ReplaceLineEndings(" ").Replace('\t', ' ');
}
