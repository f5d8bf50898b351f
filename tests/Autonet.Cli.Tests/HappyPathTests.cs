using System.Text.Json;

namespace Autonet.Cli.Tests;

/// <summary>
/// The README's commands run as a user runs them, against the real parts: doctor, a local anvil with the real
/// contracts (chain up, stake, balance), three gateways (publish, then fetch with one of them stopped), and a few
/// training steps followed by a probe. Standard output is a pipe here, so the plain-line form is what is checked.
/// </summary>
public sealed class HappyPathTests : IDisposable
{
    private readonly string _home = CliProcess.NewHome();

    [Fact]
    public async Task Doctor_Json_ListsEveryCheckAndExitCodeMatches()
    {
        var result = await CliProcess.RunAsync("--home", _home, "doctor", "--json");

        using var json = JsonDocument.Parse(result.Stdout); // standard output holds the JSON object only
        var passed = json.RootElement.GetProperty("passed").GetBoolean();
        var names = json.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["openblas", "anvil", "solc", "fashion-mnist", "sqlite", "home"], names);
        Assert.True(result.Code == (passed ? 0 : 1), result.ToString());
    }

    [Fact]
    public async Task ChainUp_ThenStakeAndBalance_ShowTheStake()
    {
        using var chain = CliProcess.Start("--home", _home, "--json", "chain", "up", "--port", "0"); // 8545 may be taken
        try
        {
            using var up = JsonDocument.Parse(await CliProcess.ReadLineAsync(chain));
            var rpc = new Uri(up.RootElement.GetProperty("rpc").GetString()!);
            Assert.True(rpc.IsLoopback && rpc.Port > 0, rpc.ToString()); // anvil on a free loopback port

            var stake = await CliProcess.RunAsync("--home", _home, "stake", "--role", "SOLVER", "--json"); // any case
            Assert.True(stake.Code == 0, stake.ToString());
            using var staked = JsonDocument.Parse(stake.Stdout);
            Assert.Equal("solver", staked.RootElement.GetProperty("role").GetString());

            var balance = await CliProcess.RunAsync("--home", _home, "balance", "--json");
            Assert.True(balance.Code == 0, balance.ToString());
            using var json = JsonDocument.Parse(balance.Stdout);
            Assert.Equal(staked.RootElement.GetProperty("atn").GetString(), json.RootElement.GetProperty("stakesAtn").GetProperty("solver").GetString());
            Assert.Equal(up.RootElement.GetProperty("node").GetProperty("address").GetString(), json.RootElement.GetProperty("address").GetString());

            var plain = await CliProcess.RunAsync("--home", _home, "balance");
            Assert.True(plain.Code == 0, plain.ToString());
            var lines = plain.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("account\tETH\tATN\tstakes (ATN)", lines[0]);
            Assert.Contains("\tsolver ", lines[1], StringComparison.Ordinal);
            Assert.DoesNotContain('\u001b', plain.Stdout); // no cursor or colour codes off a terminal
        }
        finally
        {
            Assert.Equal(0, await CliProcess.InterruptAsync(chain)); // Ctrl-C stops `chain up` cleanly
        }
    }

    [Fact]
    public async Task ModelPublish_ThenFetchWithOneGatewayDown_RebuildsTheFile()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => CliProcess.FreePort()).Distinct().ToList();
        Assert.Equal(3, ports.Count);
        var gateways = ports.Select((port, i) => CliProcess.Start("--home", Path.Combine(_home, $"p{i}"), "gateway", "--port", $"{port}")).ToList();
        try
        {
            for (var i = 0; i < gateways.Count; i++)
            {
                await CliProcess.WaitForPortAsync(ports[i], gateways[i]);
            }
            var urls = ports.Select(p => $"http://127.0.0.1:{p}").ToList();
            Directory.CreateDirectory(_home);
            var file = Path.Combine(_home, "model.safetensors");
            var bytes = new byte[300_001];
            new Random(5).NextBytes(bytes);
            await File.WriteAllBytesAsync(file, bytes);

            var publish = await CliProcess.RunAsync(["model", "publish", file, "-k", "2", "-m", "1", "--json", "-p", .. urls]);
            Assert.True(publish.Code == 0, publish.ToString());
            using var published = JsonDocument.Parse(publish.Stdout);
            var id = published.RootElement.GetProperty("id").GetString()!;
            Assert.StartsWith("bafkrei", id, StringComparison.Ordinal);
            Assert.Equal(3, published.RootElement.GetProperty("providers").GetInt32());

            Assert.Equal(0, await CliProcess.InterruptAsync(gateways[0]));
            var back = Path.Combine(_home, "back.safetensors");
            var fetch = await CliProcess.RunAsync("model", "fetch", id, "-o", back, "--json", "-p", string.Join(',', urls));
            Assert.True(fetch.Code == 0, fetch.ToString());
            Assert.Equal(bytes, await File.ReadAllBytesAsync(back));
            using var fetched = JsonDocument.Parse(fetch.Stdout);
            Assert.Contains(fetched.RootElement.GetProperty("failures").EnumerateArray(), f => f.GetProperty("provider").GetString()!.Contains($":{ports[0]}", StringComparison.Ordinal));
        }
        finally
        {
            foreach (var gateway in gateways.Where(g => !g.HasExited))
            {
                await CliProcess.InterruptAsync(gateway);
            }
            foreach (var gateway in gateways)
            {
                gateway.Dispose();
            }
        }
    }

    [Fact]
    public async Task Train_FewSteps_ThenEvalProbeAndResumeRules()
    {
        var run = Path.Combine(_home, "run");
        string[] tiny = ["--steps", "4", "--batch-size", "4", "--width", "16", "--depth", "1", "--heads", "2", "--predictor-width", "16", "--predictor-depth", "1", "--limit", "200", "--metrics-every", "2", "--threads", "1"];
        var train = await CliProcess.RunAsync(["train", "--out", run, .. tiny]);

        Assert.True(train.Code == 0, train.ToString());
        Assert.Contains("step 4/4 loss ", train.Stdout, StringComparison.Ordinal); // plain progress lines, not a bar
        Assert.DoesNotContain('\u001b', train.Stdout);
        foreach (var file in new[] { "model.safetensors", "checkpoint.safetensors", "log.jsonl" })
        {
            Assert.True(File.Exists(Path.Combine(run, file)), file);
        }
        Assert.Equal(4, File.ReadAllLines(Path.Combine(run, "log.jsonl")).Length);
        var png = await File.ReadAllBytesAsync(Path.Combine(run, "training.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]); // PNG signature (RFC 2083 §3.1)

        var probe = await CliProcess.RunAsync("eval", "probe", "--checkpoint", Path.Combine(run, "model.safetensors"), "--train-subset", "200", "--test-subset", "100", "--epochs", "2", "--json");
        Assert.True(probe.Code == 0, probe.ToString());
        using (var json = JsonDocument.Parse(probe.Stdout))
        {
            var accuracy = json.RootElement.GetProperty("trainedAccuracy").GetDouble();
            Assert.InRange(accuracy, 0.0, 1.0);
            Assert.Equal(100, json.RootElement.GetProperty("testSamples").GetInt32());
        }

        // --resume: more steps than the run was started with, a contradicting option, a finished run, no --resume at all.
        await AssertUsageAsync(["train", "--out", run, "--resume", "--steps", "8"], "--steps 8: the run in");
        await AssertUsageAsync(["train", "--out", run, "--resume", "--batch-size", "8"], "--batch-size 8 (the checkpoint has 4)");
        await AssertUsageAsync(["train", "--out", run, "--resume", "--width", "32"], "--width 32 (the checkpoint has 16)");
        await AssertUsageAsync(["train", "--out", run, "--resume", "--limit", "200"], "is finished (step 4 of 4)");
        await AssertUsageAsync(["train", "--out", run, .. tiny], "already holds a run");
    }

    [Fact]
    public async Task Train_Json_PrintsOneJsonObjectPerLine()
    {
        var run = Path.Combine(_home, "run-json");
        var train = await CliProcess.RunAsync("train", "--out", run, "--json", "--steps", "3", "--batch-size", "4", "--width", "16", "--depth", "1", "--heads", "2", "--predictor-width", "16", "--predictor-depth", "1", "--limit", "200", "--threads", "1");

        Assert.True(train.Code == 0, train.ToString());
        var events = train.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("event").GetString()).ToList();
        Assert.Equal(["start", "validation", "step", "step", "step", "validation", "done"], events);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task NetworkRun_Json_StatusLinesThenSummaryAndOwnerOnlyReport()
    {
        var run = await CliProcess.RunAsync("--home", _home, "network", "run", "--json", "--rounds", "1", "--steps", "2", "--solvers", "2", "--coordinators", "1");

        Assert.True(run.Code == 0, run.ToString());
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(lines[..^1], l => Assert.Equal("status", l.GetProperty("event").GetString()));
        var summary = lines[^1];
        Assert.Equal("summary", summary.GetProperty("event").GetString());
        Assert.True(summary.GetProperty("ok").GetBoolean());
        Assert.Equal(2, summary.GetProperty("metrics").GetArrayLength()); // genesis and round 1
        foreach (var file in new[] { "report", "markdown", "plot" })
        {
            var path = summary.GetProperty(file).GetString()!;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        Assert.Contains("; in-process nodes;", await File.ReadAllTextAsync(summary.GetProperty("markdown").GetString()!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Train_CtrlC_ExitsOneThirtyWithTheCheckpointKept()
    {
        var run = Path.Combine(_home, "run-cancelled");
        using var train = CliProcess.Start("train", "--out", run, "--json", "--steps", "100000", "--checkpoint-every", "1", "--batch-size", "2", "--width", "16", "--depth", "1", "--heads", "2", "--predictor-width", "16", "--predictor-depth", "1", "--limit", "100", "--threads", "1");
        while (!(await CliProcess.ReadLineAsync(train)).Contains("\"event\":\"step\"", StringComparison.Ordinal))
        {
        }

        Assert.Equal(130, await CliProcess.InterruptAsync(train));
        Assert.True(File.Exists(Path.Combine(run, "checkpoint.safetensors")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private static async Task AssertUsageAsync(string[] arguments, string message)
    {
        var result = await CliProcess.RunAsync(arguments);
        Assert.True(result.Code == 2, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }
}
