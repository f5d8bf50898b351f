// A run's report files, owner-only (0600: they hold the addresses and balances of a chain that may be private):
// report.json (everything, with the admin key and any credentials in the RPC URL redacted), report.md (the figures a
// person reads, naming how the nodes ran) and report.png (the global metric by round, rewards per node).
using System.Globalization;
using System.Text;
using System.Text.Json;
using Autonet.Node.State;

namespace Autonet.Devnet.Network;

/// <summary>Writes report.json, report.md and report.png into the run folder.</summary>
public static class RunReportWriter
{
    /// <summary>The picture's file name in the run folder.</summary>
    public const string PlotFileName = "report.png";

    /// <summary>What stands in report.json for a secret that was set.</summary>
    public const string Redacted = "(redacted)";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly JsonSerializerOptions Indented = new(IdJsonConverters.KebabEnums) { WriteIndented = true };

    public static void Write(RunReport report, string folder)
    {
        ArgumentNullException.ThrowIfNull(report);
        WritePrivate(Path.Combine(folder, "report.json"), Encoding.UTF8.GetBytes(Json(report)));
        WritePrivate(Path.Combine(folder, "report.md"), Encoding.UTF8.GetBytes(Markdown(report)));
        WritePrivate(Path.Combine(folder, PlotFileName), RunReportPlot.Png(report));
    }

    /// <summary>report.json's text: the report with <see cref="NetworkOptions.AdminKey"/> and the RPC URL's credentials redacted.</summary>
    public static string Json(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = report.Options;
        var safe = report with { Options = o with { AdminKey = o.AdminKey is null ? null : Redacted, Rpc = o.Rpc is null ? null : RedactedUri(o.Rpc) } };
        return JsonSerializer.Serialize(safe, Indented);
    }

    /// <summary>The URL without user info, path or query (where providers put API keys: https://host/v3/KEY).</summary>
    public static Uri RedactedUri(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var hidden = uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0;
        return hidden ? new Uri($"{uri.Scheme}://{uri.Authority}/{Redacted}") : uri;
    }

    /// <summary>How the run ran its nodes, in words.</summary>
    public static string NodeMode(NetworkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Daemons && options.Hosts ? "node daemons, each on a host of its own (one `autonet node run` process per node; chain and providers on hosts of their own)"
            : options.Daemons ? "node daemons (one `autonet node run` process per node)"
            : options.Processes ? "node processes (one `autonet node step` process per step)"
            : "in-process nodes";
    }

    public static string Markdown(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = report.Options;
        var md = new StringBuilder();
        var ic = CultureInfo.InvariantCulture;
        md.AppendLine("# Autonet network run").AppendLine();
        md.AppendLine(ic, $"{o.Proposers} proposer(s), {o.Solvers} solvers ({o.Byzantine} Byzantine, {KebabNames.Of(o.Attack)}), {o.Coordinators} coordinators ({o.LazyCoordinators} lazy), {o.Aggregators} aggregator(s); forced errors {(o.ForcedErrors ? "on" : "off")}; {NodeMode(o)}; {KebabNames.Of(o.Modality)}; aggregation {o.Aggregation}; {o.Rounds} rounds of {o.TrainSteps} local steps x batch {o.Batch}; chain {report.ChainId}; {report.Seconds:F1} s.").AppendLine();
        if (o.Daemons)
        {
            md.AppendLine(ic, $"Windows on real block time: commit {o.CommitWindowSeconds} s (sized from this machine's training pace, at least --commit-window), reveal, verify and vote reveal {NodeWiring.TaskWindowSeconds(o)} s each, each ending early once every member acted; model challenge {o.WindowSeconds} s.").AppendLine();
        }
        md.AppendLine(ic, $"![{report.MetricName} by round and rewards per node]({PlotFileName})").AppendLine();
        md.AppendLine(ic, $"| round | task | commits | reveals | votes | rewards (ATN) | {report.MetricName} | model | seconds |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        md.AppendLine(ic, $"| 0 (genesis) | - | - | - | - | - | {RunReport.FormatMetric(report.MetricName, report.GenesisMetric)} | `{report.GenesisModel}` | - |");
        foreach (var r in report.Rounds)
        {
            var rewards = r.RewardsAtn.Values.Sum(v => decimal.Parse(v, ic));
            md.AppendLine(ic, $"| {r.Round} | {r.TaskId} | {r.Commits} | {r.Reveals} | {r.Votes} | {rewards:0.##} | {RunReport.FormatMetric(report.MetricName, r.Metric)} | `{r.Model ?? "none"}` | {r.Seconds:F1} |");
        }
        var storage = report.Providers.Count == 0 ? "models on the run's gateway" : $"providers: {string.Join(", ", report.Providers.Select(p => $"{p.Name} {p.Gateway}"))}; genesis {report.GenesisPlacement?.ToString() ?? "not sharded"}";
        md.AppendLine().AppendLine(ic, $"Storage: {storage}.");
        foreach (var r in report.Rounds)
        {
            md.AppendLine().AppendLine(ic, $"## Round {r.Round} (task {r.TaskId})").AppendLine();
            md.AppendLine(ic, $"- base model `{r.BaseModel}`, validation set `{r.ValidationSet}`, published `{r.Model}` (Merkle root `{r.MerkleRoot}`)");
            md.AppendLine(ic, $"- storage: {r.Placement?.ToString() ?? "on the run's gateway (no providers)"}");
            if (r.PhaseSeconds.Count > 0)
            {
                md.AppendLine(ic, $"- phases (wall s): {string.Join(", ", r.PhaseSeconds.Select(kv => $"{kv.Key} {kv.Value:F1}"))}");
            }
            if (r.Timeline.Count > 0)
            {
                md.AppendLine(ic, $"- timeline (chain s after the proposal): {string.Join("; ", r.Timeline)}");
            }
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
            if (r.PlantAbandoned is { } account)
            {
                md.AppendLine(ic, $"- forced error: abandoned ({account} never revealed its plant; nobody judged)");
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

    // Created 0600 (UnixCreateMode), and set to 0600 when it already existed with another mode.
    private static void WritePrivate(string path, byte[] bytes)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }
        using (var file = new FileStream(path, options))
        {
            file.Write(bytes);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
    }
}
