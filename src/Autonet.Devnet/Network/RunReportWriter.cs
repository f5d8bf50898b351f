using System.Globalization;
using System.Text;
using System.Text.Json;
using Autonet.Node.State;

namespace Autonet.Devnet.Network;

/// <summary>Writes report.json (everything) and report.md (the figures a person reads) into the run folder.</summary>
public static class RunReportWriter
{
    private static readonly JsonSerializerOptions Indented = new(IdJsonConverters.KebabEnums) { WriteIndented = true };

    public static void Write(RunReport report, string folder)
    {
        ArgumentNullException.ThrowIfNull(report);
        File.WriteAllText(Path.Combine(folder, "report.json"), JsonSerializer.Serialize(report, Indented));
        File.WriteAllText(Path.Combine(folder, "report.md"), Markdown(report));
    }

    public static string Markdown(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = report.Options;
        var md = new StringBuilder();
        var ic = CultureInfo.InvariantCulture;
        md.AppendLine("# Autonet network run").AppendLine();
        md.AppendLine(ic, $"{o.Proposers} proposer(s), {o.Solvers} solvers ({o.Byzantine} Byzantine, {KebabNames.Of(o.Attack)}), {o.Coordinators} coordinators ({o.LazyCoordinators} lazy), {o.Aggregators} aggregator(s); forced errors {(o.ForcedErrors ? "on" : "off")}; {(o.Processes ? "node processes" : "in-process nodes")}; {KebabNames.Of(o.Modality)}; aggregation {o.Aggregation}; {o.Rounds} rounds of {o.TrainSteps} local steps x batch {o.Batch}; chain {report.ChainId}; {report.Seconds:F1} s.").AppendLine();
        md.AppendLine(ic, $"| round | task | commits | reveals | votes | rewards (ATN) | {report.MetricName} | model | seconds |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        md.AppendLine(ic, $"| 0 (genesis) | - | - | - | - | - | {RunReport.FormatMetric(report.MetricName, report.GenesisMetric)} | `{report.GenesisModel}` | - |");
        foreach (var r in report.Rounds)
        {
            var rewards = r.RewardsAtn.Values.Sum(v => decimal.Parse(v, ic));
            md.AppendLine(ic, $"| {r.Round} | {r.TaskId} | {r.Commits} | {r.Reveals} | {r.Votes} | {rewards:0.##} | {RunReport.FormatMetric(report.MetricName, r.Metric)} | `{r.Model ?? "none"}` | {r.Seconds:F1} |");
        }
        foreach (var r in report.Rounds)
        {
            md.AppendLine().AppendLine(ic, $"## Round {r.Round} (task {r.TaskId})").AppendLine();
            md.AppendLine(ic, $"- base model `{r.BaseModel}`, validation set `{r.ValidationSet}`, published `{r.Model}` (Merkle root `{r.MerkleRoot}`)");
            foreach (var (coordinator, verdicts) in r.Verdicts)
            {
                md.AppendLine(ic, $"- {coordinator}: {string.Join("; ", verdicts)}");
            }
            md.AppendLine(ic, $"- consensus: {string.Join(", ", r.Consensus.Select(kv => $"{kv.Key} {kv.Value:F4}"))}");
            md.AppendLine(ic, $"- aggregation: {string.Join("; ", r.Aggregation)}");
            md.AppendLine(ic, $"- rewards: {string.Join(", ", r.RewardsAtn.Select(kv => $"{kv.Key} {kv.Value}"))}");
            if (r.ForcedErrors.Count > 0)
            {
                md.AppendLine(ic, $"- forced error: {string.Join("; ", r.ForcedErrors)}");
            }
            foreach (var e in r.Errors)
            {
                md.AppendLine(ic, $"- error: {e}");
            }
        }
        md.AppendLine().AppendLine("## Transactions").AppendLine().AppendLine("| from | action | task | block | gas | hash |").AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var t in report.Transactions)
        {
            md.AppendLine(ic, $"| {t.From} | {t.Action} | {t.TaskId} | {t.Block} | {t.Gas} | `{t.Hash}` |");
        }
        return md.ToString();
    }
}
