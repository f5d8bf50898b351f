// report.png of a network run (ScottPlot): on top the global model's metric (probe accuracy or held-out cosine) from
// genesis through each round, below the ATN each node was paid, one bar per round grouped by node, so a reader sees
// at a glance whether the network improved the model and who earned for it. A round that published no model leaves a
// gap in the curve, not a zero.
using System.Globalization;
using ScottPlot;

namespace Autonet.Devnet.Network;

/// <summary>Draws a run report's picture.</summary>
public static class RunReportPlot
{
    /// <summary>The PNG bytes of <paramref name="report"/>'s metric curve and reward bars.</summary>
    public static byte[] Png(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        DrawMetric(multiplot.GetPlot(0), report);
        DrawRewards(multiplot.GetPlot(1), report);
        return multiplot.Render(1000, 900).GetImageBytes(ImageFormat.Png, 100);
    }

    private static void DrawMetric(Plot plot, RunReport report)
    {
        var rounds = new List<double> { 0 };
        var values = new List<double> { report.GenesisMetric };
        foreach (var r in report.Rounds)
        {
            rounds.Add(r.Round);
            values.Add(r.Metric ?? double.NaN); // NaN: ScottPlot leaves the point out
        }
        var scale = report.MetricName == "probe accuracy" ? 100 : 1; // accuracy in percent, a cosine as it is
        plot.Add.Scatter(rounds.ToArray(), values.Select(v => v * scale).ToArray());
        plot.Title($"global model: {report.MetricName} by round");
        plot.YLabel(scale == 100 ? $"{report.MetricName} (%)" : report.MetricName);
        plot.XLabel("round");
        plot.Axes.Bottom.SetTicks([.. rounds], [.. rounds.Select(r => r == 0 ? "genesis" : r.ToString(CultureInfo.InvariantCulture))]);
    }

    private static void DrawRewards(Plot plot, RunReport report)
    {
        var palette = new ScottPlot.Palettes.Category10();
        var nodes = report.Nodes.Keys.ToList();
        var width = report.Rounds.Count + 1; // one slot per round and a gap between nodes
        var bars = new List<Bar>();
        for (var n = 0; n < nodes.Count; n++)
        {
            for (var r = 0; r < report.Rounds.Count; r++)
            {
                var atn = report.Rounds[r].RewardsAtn.TryGetValue(nodes[n], out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : 0;
                bars.Add(new Bar { Position = (n * width) + r, Value = atn, FillColor = palette.GetColor(r) });
            }
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks([.. nodes.Select((_, n) => (n * width) + ((report.Rounds.Count - 1) / 2.0))], [.. nodes]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = nodes.Count > 8 ? 45 : 0;
        plot.Title("rewards per node (ATN)");
        plot.YLabel("ATN");
        plot.ShowLegend([.. report.Rounds.Select((r, i) => new LegendItem { LabelText = $"round {r.Round}", FillColor = palette.GetColor(i) })], Alignment.UpperRight);
    }
}
