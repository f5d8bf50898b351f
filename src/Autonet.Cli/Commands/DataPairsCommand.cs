using System.CommandLine;
using System.Globalization;
using Autonet.Cli.Output;
using Autonet.Data.Pairs;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet data pairs --out DIR [--count 2500 --heldout 500 --size 96 --max-bytes 512 --columns 40 --rows 21 --font-size 9]`: the paired real data set
/// (Autonet.Data.Pairs.PairSetBuilder): Debian package descriptions shown in xterm on a private Xvfb, captured by our
/// X11 client, joined to turns at the capture time by the feed's FrameAligner.
/// </summary>
internal static class DataPairsCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "An empty or new folder for pairs.jsonl, images/, conversations/ and manifest.json", Required = true };
        var count = new Option<int>("--count") { Description = "Pairs in all", DefaultValueFactory = _ => 2500 }.Between(2, 100_000);
        var heldout = new Option<int>("--heldout") { Description = "Pairs marked split \"heldout\" (a seeded choice)", DefaultValueFactory = _ => 500 }.Between(1, 99_999);
        var size = new Option<int>("--size") { Description = "Side of the grey PNG images", DefaultValueFactory = _ => 96 }.Between(8, 1024);
        var maxBytes = new Option<int>("--max-bytes") { Description = "Most bytes of one text", DefaultValueFactory = _ => 512 }.Between(32, 4096);
        var columns = new Option<int>("--columns") { Description = "Terminal columns (each line wraps at a word)", DefaultValueFactory = _ => 40 }.Between(16, 400);
        var rows = new Option<int>("--rows") { Description = "Terminal rows (a text fills at most rows - 1 lines)", DefaultValueFactory = _ => 21 }.Between(2, 200);
        var fontSize = new Option<int>("--font-size") { Description = "Font size in points (DejaVu Sans Mono 9 pt is 8 x 15 pixels a cell)", DefaultValueFactory = _ => 9 }.Between(4, 72);
        var seed = new Option<int>("--seed") { Description = "Seed of the held-out choice", DefaultValueFactory = _ => 18 };
        var command = new Command("pairs", "Build the paired image-text set: Debian package descriptions shown on a private X screen (xterm on Xvfb), captured, aligned to turns") { output, count, heldout, size, maxBytes, columns, rows, fontSize, seed };
        command.SetAction((result, cancellationToken) =>
        {
            var print = Printer.For(result);
            var options = new PairSetOptions
            {
                OutDirectory = result.GetValue(output)!, // Required = true
                Count = result.GetValue(count),
                Heldout = result.GetValue(heldout),
                ImageSize = result.GetValue(size),
                MaxTextBytes = result.GetValue(maxBytes),
                Columns = result.GetValue(columns),
                Rows = result.GetValue(rows),
                FontSize = result.GetValue(fontSize),
                Seed = result.GetValue(seed),
            };
            var report = PairSetBuilder.Build(options, print.Text, cancellationToken: cancellationToken);
            var perSecond = report.Pairs / Math.Max(report.Capture.TotalSeconds, 1e-3);
            print.Object(new { @event = "pairs", report.Pairs, report.Train, report.Heldout, report.Unaligned, window = $"{report.Window.Width}x{report.Window.Height}", captureSeconds = report.Capture.TotalSeconds, totalSeconds = report.Total.TotalSeconds, pairsPerSecond = perSecond });
            print.Text(string.Create(CultureInfo.InvariantCulture,
                $"{report.Pairs} pairs ({report.Train} train, {report.Heldout} heldout, {report.Unaligned} unaligned) in {options.OutDirectory}: shown and captured in {report.Capture.TotalSeconds:F1} s ({perSecond:F1} a second) on {report.Display}, {report.Window.Width}x{report.Window.Height} window -> {options.ImageSize}x{options.ImageSize} grey; {report.Total.TotalSeconds:F1} s in all"));
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
