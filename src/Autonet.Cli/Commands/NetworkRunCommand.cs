using System.CommandLine;
using System.Globalization;
using Autonet.Devnet;
using Autonet.Devnet.Faults;
using Autonet.Devnet.Network;
using Autonet.Models.Jepa;
using Spectre.Console;

namespace Autonet.Cli.Commands;

/// <summary>`autonet network run`: a whole network on a real chain (in-process or node processes), a live table, a run report.</summary>
internal static class NetworkRunCommand
{
    public static Command Create()
    {
        var proposers = new Option<int>("--proposers") { Description = "Proposer nodes", DefaultValueFactory = _ => 1 };
        var solvers = new Option<int>("--solvers") { Description = "Solver nodes", DefaultValueFactory = _ => 3 };
        var coordinators = new Option<int>("--coordinators") { Description = "Coordinator nodes", DefaultValueFactory = _ => 2 };
        var aggregators = new Option<int>("--aggregators") { Description = "Aggregator nodes", DefaultValueFactory = _ => 1 };
        var rounds = new Option<int>("--rounds") { Description = "Training rounds (tasks)", DefaultValueFactory = _ => 3 };
        var modelSeed = new Option<int>("--model-seed") { Description = "Seed of the genesis model's initial weights", DefaultValueFactory = _ => 7 };
        var byzantine = new Option<int>("--byzantine") { Description = "How many solvers attack", DefaultValueFactory = _ => 0 };
        var attack = new Option<string>("--attack") { Description = $"What the --byzantine solvers do: {KebabNames.Choices<SolverAttack>()}", DefaultValueFactory = _ => "signflip" };
        var proposerAttack = new Option<string?>("--proposer-attack") { Description = $"How the first proposer griefs: {KebabNames.Choices<ProposerFault>()}" };
        var aggregation = new Option<string>("--aggregation") { Description = "fedavg | median | trimmed-mean | krum", DefaultValueFactory = _ => "fedavg" };
        var rpc = UriOption.Create("--rpc", "Use this chain instead of starting a local anvil");
        var adminKey = new Option<string?>("--admin-key") { Description = "Funded key (hex) that deploys and funds nodes on --rpc" };
        var steps = new Option<int>("--steps") { Description = "Local training steps per solver per round", DefaultValueFactory = _ => 300 };
        var lr = new Option<float>("--lr") { Description = "Solvers' peak learning rate (warmup + cosine over --steps)", DefaultValueFactory = _ => 1e-3f };
        var modality = new Option<string>("--modality") { Description = "image (Fashion-MNIST) or text (conversations in --text-dir)", DefaultValueFactory = _ => "image" };
        var textDir = new Option<string?>("--text-dir") { Description = "Folder of agent-conversation *.jsonl for --modality text (naming it is the consent to train on it)" };
        var lazy = new Option<int>("--lazy-coordinators") { Description = "How many coordinators vote the full score for everything", DefaultValueFactory = _ => 0 };
        var noForcedErrors = new Option<bool>("--no-forced-errors") { Description = "Plant no forced error (by default each round plants one to test the coordinators)" };
        var processes = new Option<bool>("--processes") { Description = "Run every node step as a separate OS process (autonet node step)" };
        var daemons = new Option<bool>("--daemons") { Description = "Run every node as a long-running OS process that acts on the chain by itself (autonet node run)" };
        var command = new Command("run", "Run proposers, solvers, coordinators and aggregators on a real chain for some rounds (in-process, or --processes)")
        {
            proposers, solvers, coordinators, aggregators, rounds, modelSeed, byzantine, attack, proposerAttack, aggregation, rpc, adminKey, steps, lr, modality, textDir, lazy, noForcedErrors, processes, daemons,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new NetworkOptions
            {
                Home = GlobalOptions.ResolveHome(result).Path,
                Proposers = result.GetValue(proposers),
                Solvers = result.GetValue(solvers),
                Coordinators = result.GetValue(coordinators),
                Aggregators = result.GetValue(aggregators),
                Rounds = result.GetValue(rounds),
                ModelSeed = result.GetValue(modelSeed),
                Byzantine = result.GetValue(byzantine),
                Attack = KebabNames.Parse<SolverAttack>(result.GetValue(attack)!, "--attack"),
                ProposerFault = result.GetValue(proposerAttack) is { } griefing ? KebabNames.Parse<ProposerFault>(griefing, "--proposer-attack") : null,
                Aggregation = result.GetValue(aggregation)!,
                Rpc = result.GetValue(rpc),
                AdminKey = result.GetValue(adminKey),
                TrainSteps = result.GetValue(steps),
                LearningRate = result.GetValue(lr),
                Modality = KebabNames.Parse<Modality>(result.GetValue(modality)!, "--modality"),
                TextDirectory = result.GetValue(textDir),
                LazyCoordinators = result.GetValue(lazy),
                ForcedErrors = !result.GetValue(noForcedErrors),
                Processes = result.GetValue(processes),
                Daemons = result.GetValue(daemons),
                NodeCommand = result.GetValue(processes) || result.GetValue(daemons) ? NodeCommand.ThisProgram() : [],
            };
            options.Validate();
            // Node daemons' restarts and the like, on standard error; only with --verbose, so the live table stays alone on screen.
            using var logs = result.GetValue(GlobalOptions.Verbose) ? ConsoleLogs.Create(verbose: true) : null;
            var metricName = options.MetricName;
            var table = new Table().Border(TableBorder.Rounded).AddColumns("round", "phase", "commits", "reveals", "votes", "rewards (ATN)", "forced error", metricName);
            RunReport? report = null;
            string? folder = null;
            await AnsiConsole.Live(table).StartAsync(async context =>
            {
                var rows = new Dictionary<int, int>();
                (report, folder) = await new NetworkRunner(options, logs).RunAsync(status =>
                {
                    var metrics = string.Join(" -> ", status.Metrics.Select(a => RunReport.FormatMetric(metricName, a)));
                    string[] cells = [$"{status.Round}/{status.Rounds}", KebabNames.Of(status.Phase), $"{status.Commits}", $"{status.Reveals}", $"{status.Votes}", status.RewardsAtn, status.ForcedError, metrics];
                    if (!rows.TryGetValue(status.Round, out var row))
                    {
                        table.AddRow(cells.Select(Markup.Escape).ToArray());
                        rows[status.Round] = table.Rows.Count - 1;
                    }
                    else
                    {
                        for (var c = 0; c < cells.Length; c++)
                        {
                            table.UpdateCell(row, c, Markup.Escape(cells[c]));
                        }
                    }
                    context.Refresh();
                }, cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture, "[green]done[/] in {0:F1} s; {2} {1}", report!.Seconds,
                Markup.Escape(string.Join(" -> ", new[] { report.GenesisMetric }.Concat(report.Rounds.Select(r => r.Metric ?? double.NaN)).Select(a => RunReport.FormatMetric(report.MetricName, a)))), report.MetricName);
            AnsiConsole.MarkupLine("report: {0}", Markup.Escape(Path.Combine(folder!, "report.md")));
            return report.Rounds.All(r => r.Model is not null) ? 0 : 1;
        });
        return command;
    }
}
