// training.png beside a run's log.jsonl: the JEPA loss, the feature spread (mean per-dimension std) and the effective
// rank (as a fraction of the width) by step, three panels sharing the step axis, drawn with ScottPlot. Collapse shows
// as loss falling while spread and rank fall with it. It reads only log.jsonl, so a resumed run's plot covers every
// segment; a line cut short by a crash is skipped (the last record of a step wins when a resume repeated it).
using System.Text.Json;
using ScottPlot;

namespace Autonet.Cli.Plots;

/// <summary>Draws a training log as a PNG.</summary>
internal static class TrainingPlot
{
    /// <summary>Writes the PNG of <paramref name="logPath"/>'s curves to <paramref name="pngPath"/>; returns the steps drawn.</summary>
    public static int Write(string logPath, string pngPath)
    {
        var byStep = new SortedDictionary<int, (double Loss, double? Std, double? Rank)>();
        foreach (var line in File.ReadLines(logPath))
        {
            if (Read(line) is { } record)
            {
                byStep[record.Step] = (record.Loss, record.Std, record.Rank);
            }
        }
        var steps = byStep.Keys.Select(s => (double)s).ToArray();
        var metrics = byStep.Where(kv => kv.Value.Std is not null).ToList();
        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        var loss = multiplot.GetPlot(0);
        loss.Add.ScatterLine(steps, byStep.Values.Select(v => v.Loss).ToArray());
        loss.Title("JEPA training");
        loss.YLabel("loss");
        var spread = multiplot.GetPlot(1);
        spread.Add.Scatter(metrics.Select(kv => (double)kv.Key).ToArray(), metrics.Select(kv => kv.Value.Std!.Value).ToArray());
        spread.YLabel("feature std");
        var rank = multiplot.GetPlot(2);
        rank.Add.Scatter(metrics.Select(kv => (double)kv.Key).ToArray(), metrics.Select(kv => kv.Value.Rank!.Value * 100).ToArray());
        rank.YLabel("effective rank (% of width)");
        rank.XLabel("step");
        foreach (var plot in multiplot.GetPlots())
        {
            plot.Axes.SetLimitsX(0, Math.Max(1, steps.LastOrDefault())); // one step axis for the three panels
        }
        multiplot.SavePng(pngPath, 900, 900);
        return steps.Length;
    }

    // One log.jsonl record (TrainCommand writes them: step, loss, and at metrics steps mean_std and rank_fraction).
    private static (int Step, double Loss, double? Std, double? Rank)? Read(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (!root.TryGetProperty("step", out var step) || !root.TryGetProperty("loss", out var loss) || loss.ValueKind != JsonValueKind.Number)
            {
                return null;
            }
            double? Number(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
            return (step.GetInt32(), loss.GetDouble(), Number("mean_std"), Number("rank_fraction"));
        }
        catch (JsonException)
        {
            return null; // a line cut short when the process was killed mid-write
        }
    }
}
