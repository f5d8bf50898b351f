// The training round's overhead outside training, as the network grows: one round with 3, 10 and 30 solvers, each
// training a tiny I-JEPA (width 16, depth 1) for one step, so nearly all of the round is chain, transfer,
// verification and aggregation. The peer, measured in the same run, is the chain floor: the time the same client
// needs for one plain transaction on a fresh anvil, times the round's transaction count. round / floor says how
// much the protocol adds to what the chain itself costs.
// Run: dotnet run -c Release --project bench/Autonet.Devnet.Bench [-- 3 10 30]
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Autonet.Chain.Dev;
using Autonet.Devnet.Network;

int[] sizes = args.Length > 0 ? [.. args.Select(a => int.Parse(a, CultureInfo.InvariantCulture))] : [3, 10, 30];
var perTransaction = await ChainFloorAsync(40);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores; chain floor: {perTransaction * 1000:F1} ms per sequential transaction (40 ETH transfers on a fresh anvil, same client)");
Console.WriteLine();
Console.WriteLine("| solvers | round s | propose | train + commit | reveal | verify + vote | finalize | aggregate + publish | challenge window | round txs | chain floor s | round / floor | s per solver |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
string[] phases = ["propose", "train + commit", "reveal", "verify + vote", "finalize", "aggregate + publish", "challenge window"];
foreach (var solvers in sizes)
{
    var home = Directory.CreateTempSubdirectory("autonet-overhead-").FullName;
    try
    {
        var options = new NetworkOptions
        {
            Home = home,
            Solvers = solvers,
            Rounds = 1,
            TrainSteps = 1,
            Batch = 8,
            TrainImages = Math.Max(300, solvers * 20),
            ValidationImages = 16,
            ProbeTrain = 100,
            ProbeTest = 100,
            Model = new Autonet.Models.Jepa.JepaConfig { Width = 16, Depth = 1, Heads = 2, PredictorWidth = 8, PredictorDepth = 1, PredictorHeads = 2, MlpRatio = 2 },
        };
        var (report, _) = await new NetworkRunner(options).RunAsync(null, CancellationToken.None);
        var round = report.Rounds.Single();
        if (round.Model is null)
        {
            Console.WriteLine($"| {solvers} | round failed: {string.Join("; ", round.Errors)} |");
            continue;
        }
        var transactions = report.Transactions.Count(t => t.TaskId == round.TaskId);
        var floor = transactions * perTransaction;
        var cells = string.Join(" | ", phases.Select(p => round.PhaseSeconds.TryGetValue(p, out var s) ? s.ToString("F2", CultureInfo.InvariantCulture) : "-"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {solvers} | {round.Seconds:F2} | {cells} | {transactions} | {floor:F2} | {round.Seconds / floor:F2} | {round.Seconds / solvers:F3} |"));
    }
    finally
    {
        Directory.Delete(home, recursive: true);
    }
}

// Seconds per transaction when sent one after another (estimate, fees, sign, send, wait for the receipt).
static async Task<double> ChainFloorAsync(int count)
{
    await using var dev = await DevChain.StartAsync(new DevChainOptions(), CancellationToken.None);
    using var client = await dev.ConnectAsync(CancellationToken.None);
    var (from, to) = (dev.DevKeys[0], dev.DevKeys[1].Address);
    await client.SendAsync(from, to, [], BigInteger.One, CancellationToken.None); // warm up the connection and JIT
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < count; i++)
    {
        await client.SendAsync(from, to, [], BigInteger.One, CancellationToken.None);
    }
    return clock.Elapsed.TotalSeconds / count;
}
