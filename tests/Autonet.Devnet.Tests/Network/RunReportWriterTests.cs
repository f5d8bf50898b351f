using Autonet.Devnet.Network;

namespace Autonet.Devnet.Tests.Network;

/// <summary>What a run report holds and shows: no secrets, owner-only files, the node mode, structured verdicts, a PNG.</summary>
public sealed class RunReportWriterTests : IDisposable
{
    private const string AdminKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private readonly string _folder = Directory.CreateTempSubdirectory("autonet-report-").FullName;

    [Fact]
    public void Write_AdminKeyAndRpcCredentials_NeverInReportFiles()
    {
        var report = Report(new NetworkOptions { Home = _folder, Rpc = new Uri("https://user:pw@rpc.example.org/v3/SECRETKEY?x=1"), AdminKey = AdminKey });

        RunReportWriter.Write(report, _folder);

        foreach (var file in new[] { "report.json", "report.md" })
        {
            var text = File.ReadAllText(Path.Combine(_folder, file));
            Assert.DoesNotContain(AdminKey[2..], text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SECRETKEY", text, StringComparison.Ordinal);
            Assert.DoesNotContain("pw@", text, StringComparison.Ordinal);
        }
        var json = File.ReadAllText(Path.Combine(_folder, "report.json"));
        Assert.Contains($"\"AdminKey\": \"{RunReportWriter.Redacted}\"", json, StringComparison.Ordinal);
        Assert.Contains("https://rpc.example.org/", json, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Write_Always_FilesAreOwnerOnlyAndPngIsAPng()
    {
        var existing = Path.Combine(_folder, "report.md");
        File.WriteAllText(existing, "old");
        File.SetUnixFileMode(existing, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        RunReportWriter.Write(Report(new NetworkOptions { Home = _folder }), _folder);

        foreach (var file in new[] { "report.json", "report.md", RunReportWriter.PlotFileName })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, file)));
        }
        var png = File.ReadAllBytes(Path.Combine(_folder, RunReportWriter.PlotFileName));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]); // PNG signature (RFC 2083 §3.1)
        Assert.True(png.Length > 10_000, $"report.png is only {png.Length} bytes");
    }

    [Theory]
    [InlineData(false, false, "in-process nodes")]
    [InlineData(true, false, "node processes")]
    [InlineData(false, true, "node daemons")]
    public void Markdown_NodeMode_NamesIt(bool processes, bool daemons, string mode)
    {
        var md = RunReportWriter.Markdown(Report(new NetworkOptions { Home = _folder, Processes = processes, Daemons = daemons }));

        Assert.Contains($"; {mode}", md, StringComparison.Ordinal);
        Assert.Contains($"]({RunReportWriter.PlotFileName})", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_ModelsOnProviders_SaysWhereEachModelsShardsAre()
    {
        var report = Report(new NetworkOptions { Home = _folder, Daemons = true });
        report.Providers.Add(new StorageProvider("provider-1", Autonet.Core.Ids.Address.Parse("0x" + new string('1', 40)), new Uri("http://10.76.1.2:5091/")));
        report.GenesisPlacement = new PlacementReport("1", "bafkreimanifest", 4, 2, new Dictionary<string, int> { ["provider-1"] = 6 }, 6);
        report.Rounds[0].Placement = new PlacementReport("2", "bafkreimanifest2", 4, 2, new Dictionary<string, int> { ["provider-1"] = 6 }, 5);

        var md = RunReportWriter.Markdown(report);

        Assert.Contains("Storage: providers: provider-1 http://10.76.1.2:5091/; genesis model 1: 6 shards (4 + 2) on 1 providers, 6 announced.", md, StringComparison.Ordinal);
        Assert.Contains("- storage: model 2: 6 shards (4 + 2) on 1 providers, 5 announced", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_NoProviders_SaysTheGateway()
    {
        Assert.Contains("Storage: models on the run's gateway.", RunReportWriter.Markdown(Report(new NetworkOptions { Home = _folder })), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_Verdicts_AreStructuredFields()
    {
        var json = RunReportWriter.Json(Report(new NetworkOptions { Home = _folder }));

        Assert.Contains("\"BasisPoints\": 7432", json, StringComparison.Ordinal);
        Assert.Contains("\"Score\": 0.7432", json, StringComparison.Ordinal);
        Assert.Contains("\"Norm\": 1.5", json, StringComparison.Ordinal);
        Assert.Contains("\"Caught\": true", json, StringComparison.Ordinal);
    }

    [Fact]
    public void RedactedUri_LocalAnvil_Unchanged()
    {
        Assert.Equal(new Uri("http://127.0.0.1:8545/"), RunReportWriter.RedactedUri(new Uri("http://127.0.0.1:8545")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static RunReport Report(NetworkOptions options)
    {
        var report = new RunReport
        {
            Options = options,
            ChainId = "31337",
            Contracts = new Dictionary<string, string>(),
            Nodes = new Dictionary<string, string> { ["solver-1"] = "0x01", ["solver-2"] = "0x02", ["coordinator-1"] = "0x03" },
            GenesisModel = "bafkreigenesis",
            MetricName = "probe accuracy",
            GenesisMetric = 0.57,
        };
        for (var r = 1; r <= 2; r++)
        {
            var round = new RoundReport { Round = r, BaseModel = "bafkreibase", Metric = 0.6 + (r / 100.0), Model = "bafkreimodel" };
            round.RewardsAtn["solver-1"] = "40";
            round.RewardsAtn["coordinator-1"] = "12.5";
            round.Verdicts["coordinator-1"] = [new VerdictReport("0x01", "solver-1", 7432, "score 0.7432", Lazy: false), new VerdictReport("0x02", "solver-2", null, "could not be fetched", Lazy: false)];
            round.Aggregation.Add(new AggregationReport("0x01", "solver-1", 1.5, true, 1f, "included"));
            round.ForcedErrors.Add(new ForcedErrorReport("coordinator-1", true, 0, null));
            report.Rounds.Add(round);
        }
        return report;
    }
}
