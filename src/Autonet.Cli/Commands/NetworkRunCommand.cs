using System.CommandLine;
using System.Globalization;
using Autonet.Cli.Output;
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
        var solvers = new Option<int>("--solvers") { Description = "Solver nodes (1..32)", DefaultValueFactory = _ => 3 };
        var coordinators = new Option<int>("--coordinators") { Description = "Coordinator nodes (1..16)", DefaultValueFactory = _ => 2 };
        var aggregators = new Option<int>("--aggregators") { Description = "Aggregator nodes", DefaultValueFactory = _ => 1 };
        var rounds = new Option<int>("--rounds") { Description = "Training rounds (tasks)", DefaultValueFactory = _ => 3 };
        var modelSeed = new Option<int>("--model-seed") { Description = "Seed of the genesis model's initial weights", DefaultValueFactory = _ => 7 };
        var byzantine = new Option<int>("--byzantine") { Description = "How many solvers attack (see --attack)", DefaultValueFactory = _ => 0 };
        var attack = ChoiceOption.Create<SolverAttack>("--attack", "What the --byzantine solvers send or do instead of honest work", SolverAttack.SignFlip);
        var proposerAttack = ChoiceOption.Optional<ProposerFault>("--proposer-attack", "How the first proposer griefs (none by default)");
        var coordinatorAttack = ChoiceOption.Optional<CoordinatorFault>("--coordinator-attack", "How the first coordinator misbehaves (none by default): zero-all and zero-one grief, flat-vote guesses, norm-filter scores by delta norm only; sybil-fill makes every coordinator but the last a minimum-stake Sybil, copy-votes makes the last one copy revealed votes; below half the coordinator stake none moves the consensus");
        var coordinatorStake = new Option<int>("--coordinator-stake") { Description = "Each honest coordinator's stake in ATN (a sybil-fill Sybil stakes the minimum, 500)", DefaultValueFactory = _ => 1000 };
        var planterAttack = ChoiceOption.Optional<PlanterAttack>("--planter-attack", "How the forced-error planter misbehaves (none by default): frame flags an honest solver's solution as its plant; withhold keeps each plant account from committing, so the planter abandons the plant");
        var unstakeBeforeSettle = new Option<bool>("--unstake-before-settle") { Description = "The first coordinator tries to withdraw its whole stake after its vote is revealed, before the task settles (refused while its vote holds the stake), and again after the last round" };
        var aggregatorAttack = ChoiceOption.Optional<AggregatorFault>("--aggregator-attack", "How the first aggregator misbehaves (none by default; the coordinators challenge a wrong model)");
        var aggregation = ChoiceOption.Aggregation("How the aggregator combines accepted deltas");
        var rpc = UriOption.CreateRpc("a local anvil started for the run");
        var adminKey = new Option<string?>("--admin-key") { Description = "Funded private key (hex) that deploys the contracts and funds the nodes on --rpc; never written to the report" };
        adminKey.Validators.Add(r =>
        {
            try
            {
                using var key = Chain.Crypto.SigningKey.Parse(r.GetValueOrDefault<string?>() ?? "");
            }
            catch (FormatException e) // its message never repeats the text: it is a secret
            {
                r.AddError($"--admin-key: {e.Message}");
            }
        });
        var steps = new Option<int>("--steps") { Description = "Local training steps per solver per round", DefaultValueFactory = _ => 300 }.AtLeast(1);
        var trainImages = new Option<int>("--train-images") { Description = "Image runs: Fashion-MNIST training images split among the solvers (Dirichlet 0.5 by label); the probe's training images come after them", DefaultValueFactory = _ => 6000 }.AtLeast(1);
        var lr = new Option<float>("--lr") { Description = "Solvers' peak learning rate (warmup + cosine over --steps)", DefaultValueFactory = _ => 1e-3f }.Inside(0, 1);
        var width = new Option<int?>("--width") { Description = $"Genesis model's encoder width (heads: width / 16, at least 2) [default: {NetworkOptions.DefaultModel(Modality.Image).Width}]" }.AtLeast(4);
        var depth = new Option<int?>("--depth") { Description = $"Genesis model's encoder blocks [default: {NetworkOptions.DefaultModel(Modality.Image).Depth}]" }.AtLeast(1);
        var invariance = new Option<float?>("--invariance-weight") { Description = $"Image runs: the genesis model's VICReg invariance term between two augmented views (crop + flip) of each image; solvers then encode 2 x the batch [default: {NetworkOptions.DefaultModel(Modality.Image).InvarianceWeight}]" }.AtLeast(0f);
        var stem = new Option<int?>("--stem-channels") { Description = $"Image runs: channels of the genesis model's convolutional stem (two 3x3 conv + ReLU layers before patchify); 0 = the plain ViT patch embedding [default: {NetworkOptions.DefaultModel(Modality.Image).StemChannels}]" }.AtLeast(0);
        var probeRegions = new Option<int>("--probe-regions") { Description = "Image runs: the per-round probe's pooling, 1 = one mean over all patches, N = the mean of each of N x N blocks of the patch grid (N^2 x width features)", DefaultValueFactory = _ => NetworkOptions.DefaultProbeRegions }.AtLeast(1);
        var modality = ChoiceOption.Create<Modality>("--modality", "image (Fashion-MNIST), text (conversations in --text-dir) or multimodal (image-text pairs in --pairs)", Modality.Image);
        var pairs = new Option<string?>("--pairs") { Description = "A pair folder for --modality multimodal (pairs.jsonl and its images; `autonet data pairs` makes one)" }.ExistingFolder();
        var textDir = new Option<string?>("--text-dir") { Description = "A public corpus of conversation *.jsonl for --modality text (holds autonet-corpus.json; any other folder counts as your agent data and needs data.train_on_agent_data)" }.ExistingFolder();
        var lazy = new Option<int>("--lazy-coordinators") { Description = "How many coordinators vote the full score for everything (the forced errors should catch them)", DefaultValueFactory = _ => 0 };
        var noForcedErrors = new Option<bool>("--no-forced-errors") { Description = "Plant no forced error (by default each round plants one to test the coordinators)" };
        var processes = new Option<bool>("--processes") { Description = "Run every node step as a separate OS process (autonet node step)" };
        var daemons = new Option<bool>("--daemons") { Description = "Run every node as a long-running OS process (autonet node run) that does every duty itself on real block time; the run only launches and watches" };
        var commitWindow = new Option<int>("--commit-window") { Description = "With --daemons: seconds of each task's commit window (solvers train inside it)", DefaultValueFactory = _ => 20 }.AtLeast(2);
        var window = new Option<int>("--window") { Description = "With --daemons: seconds of every other window (reveal, verify, vote reveal, challenge)", DefaultValueFactory = _ => 4 }.AtLeast(2);
        var providers = new Option<int?>("--providers") { Description = "With --daemons: storage providers, each an `autonet provider serve` process announced on chain; the aggregator erasure-codes every published model across them (the project's k + m); 0 keeps models on the run's gateway [default: 3]" }.AtLeast(0);
        var hosts = new Option<bool>("--hosts") { Description = "With --daemons: the chain, every provider and every node daemon each on a host of its own (Linux network namespaces on one bridge, scripts/netns.sh), talking by address; needs root and `ip`; the hosts are deleted when the run ends" };
        var command = new Command("run", "Run proposers, solvers, coordinators and aggregators on a real chain for some rounds; writes report.json, report.md and report.png")
        {
            proposers, solvers, coordinators, aggregators, rounds, modelSeed, byzantine, attack, proposerAttack, coordinatorAttack, coordinatorStake, planterAttack, unstakeBeforeSettle, aggregatorAttack, aggregation, rpc, adminKey, steps, trainImages, lr, width, depth, invariance, stem, probeRegions, modality, textDir, pairs, lazy, noForcedErrors, processes, daemons, commitWindow, window, providers, hosts,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var print = Printer.For(result);
            var chain = UriOption.Rpc(result, rpc);
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
                Attack = ChoiceOption.Get<SolverAttack>(result, attack),
                ProposerFault = ChoiceOption.GetOptional<ProposerFault>(result, proposerAttack),
                CoordinatorAttack = ChoiceOption.GetOptional<CoordinatorFault>(result, coordinatorAttack),
                AggregatorFault = ChoiceOption.GetOptional<AggregatorFault>(result, aggregatorAttack),
                CoordinatorStakeAtn = result.GetValue(coordinatorStake),
                PlanterAttack = ChoiceOption.GetOptional<PlanterAttack>(result, planterAttack),
                UnstakeBeforeSettle = result.GetValue(unstakeBeforeSettle),
                Aggregation = result.GetValue(aggregation)!, // has a default
                Rpc = chain,
                AdminKey = result.GetValue(adminKey),
                TrainSteps = result.GetValue(steps),
                TrainImages = result.GetValue(trainImages),
                LearningRate = result.GetValue(lr),
                ProbeRegions = result.GetValue(probeRegions),
                Modality = ChoiceOption.Get<Modality>(result, modality),
                TextDirectory = result.GetValue(textDir),
                PairsDirectory = result.GetValue(pairs),
                Model = NetworkOptions.ModelOf(ChoiceOption.Get<Modality>(result, modality), result.GetValue(width), result.GetValue(depth), result.GetValue(invariance), result.GetValue(stem)),
                LazyCoordinators = result.GetValue(lazy),
                ForcedErrors = !result.GetValue(noForcedErrors),
                Processes = result.GetValue(processes),
                Daemons = result.GetValue(daemons),
                Providers = result.GetValue(providers),
                Hosts = result.GetValue(hosts),
                CommitWindowSeconds = result.GetValue(commitWindow),
                WindowSeconds = result.GetValue(window),
                NodeCommand = result.GetValue(processes) || result.GetValue(daemons) ? NodeCommand.ThisProgram() : [],
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentException e) // the options' rules name the flag, the value and the rule
            {
                var fromEnvironment = chain is not null && result.GetValue(rpc) is null ? $" (--rpc is ${UriOption.RpcVariable})" : "";
                throw new UsageException(LibraryErrors.Plain(e) + fromEnvironment);
            }
            if (options.Hosts && Devnet.Hosts.NetworkHosts.Missing() is { } missing)
            {
                throw new UsageException(missing); // one line: not root, no `ip`, or no scripts/netns.sh
            }
            // Node daemons' restarts and the like, on standard error; only with --verbose, so the live table stays alone on screen.
            using var logs = result.GetValue(GlobalOptions.Verbose) ? ConsoleLogs.Create(verbose: true) : null;
            var (report, folder) = await RunAsync(print, options, logs, cancellationToken).ConfigureAwait(false);
            var metrics = new[] { (double?)report.GenesisMetric }.Concat(report.Rounds.Select(r => r.Metric)).ToList();
            var ok = report.Rounds.All(r => r.Model is not null);
            print.Object(new
            {
                @event = "summary",
                ok,
                seconds = report.Seconds,
                commitWindowSeconds = report.Options.Daemons ? report.Options.CommitWindowSeconds : (int?)null, // as sized for this machine (CommitWindowSizer)
                metricName = report.MetricName,
                metrics,
                rounds = report.Rounds.Select(r => new { round = r.Round, taskId = r.TaskId, seconds = r.Seconds, model = r.Model, metric = r.Metric, commits = r.Commits, reveals = r.Reveals, votes = r.Votes, rewardsAtn = r.RewardsAtn, forcedError = r.ForcedError, errors = r.Errors, phaseSeconds = r.PhaseSeconds, timeline = r.Timeline.Select(e => e.ToString()) }),
                report = Path.Combine(folder, "report.json"),
                markdown = Path.Combine(folder, "report.md"),
                plot = Path.Combine(folder, RunReportWriter.PlotFileName),
            });
            print.Line(string.Create(CultureInfo.InvariantCulture, $"[green]done[/] in {report.Seconds:F1} s; {report.MetricName} {Markup.Escape(string.Join(" -> ", metrics.Select(m => RunReport.FormatMetric(report.MetricName, m))))}"));
            print.Text($"report: {Path.Combine(folder, "report.md")}");
            return ok ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    // The live table on a terminal; off one a plain line whenever a round's row changes; with --json a status line.
    private static async Task<(RunReport Report, string Folder)> RunAsync(Printer print, NetworkOptions options, Microsoft.Extensions.Logging.ILoggerFactory? logs, CancellationToken cancellationToken)
    {
        var metricName = options.MetricName;
        string[] headers = ["round", "phase", "s", "commits", "reveals", "votes", "rewards (ATN)", "forced error", metricName];
        string[] Cells(RunStatus s) =>
            [$"{s.Round}/{s.Rounds}", KebabNames.Of(s.Phase), s.Seconds.ToString("F0", CultureInfo.InvariantCulture), $"{s.Commits}", $"{s.Reveals}", $"{s.Votes}", s.RewardsAtn, s.ForcedError, string.Join(" -> ", s.Metrics.Select(a => RunReport.FormatMetric(metricName, a)))];
        var runner = new NetworkRunner(options, logs);
        if (!print.Rich)
        {
            string? last = null;
            if (!print.Json)
            {
                print.Line(string.Join('\t', headers));
            }
            return await runner.RunAsync(status =>
            {
                print.Object(new { @event = "status", round = status.Round, rounds = status.Rounds, phase = status.Phase, seconds = status.Seconds, commits = status.Commits, reveals = status.Reveals, votes = status.Votes, rewardsAtn = status.RewardsAtn, forcedError = status.ForcedError, metrics = status.Metrics });
                var line = string.Join('\t', Cells(status));
                if (!print.Json && line != last)
                {
                    Console.Out.WriteLine(line);
                }
                last = line;
            }, cancellationToken).ConfigureAwait(false);
        }
        var table = new Table().Border(TableBorder.Rounded).AddColumns(headers.Select(Markup.Escape).ToArray());
        (RunReport, string) outcome = default;
        await AnsiConsole.Live(table).StartAsync(async context =>
        {
            var rows = new Dictionary<int, int>();
            outcome = await runner.RunAsync(status =>
            {
                var cells = Cells(status);
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
        return outcome;
    }
}
