using System.Diagnostics.Metrics;
using System.Net;
using System.Text.RegularExpressions;
using Autonet.Chain;
using Autonet.Chain.Rpc;
using Autonet.Node.Hosting;
using Autonet.Node.Metrics;
using Autonet.Node.Roles;

namespace Autonet.Node.Tests.Metrics;

/// <summary>/metrics over real HTTP: the text exposition format, the node's and the chain client's counters, bad addresses.</summary>
public partial class MetricsServerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Get_AfterStepsAndRetries_ServesCountersAndGaugesInTextFormat()
    {
        await using var server = await MetricsServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), None);
        using var metrics = new NodeMetrics(NodeRole.Solver, () => 3);
        metrics.Stepped(new NodeOutcome { Role = NodeRole.Solver, TaskId = 1, State = OutcomeState.Committed });
        metrics.Stepped(new NodeOutcome { Role = NodeRole.Solver, TaskId = 2, State = OutcomeState.Committed });
        metrics.Saw(block: 42, unfinishedTasks: 2);
        using (var rpc = new JsonRpcClient(new Uri("http://127.0.0.1:1/"), policy: new RpcPolicy { Attempts = 2, FirstBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero }))
        {
            await Assert.ThrowsAsync<ChainException>(() => rpc.CallAsync("eth_metricsTest", [], None));
        }

        using var http = new HttpClient();
        using var response = await http.GetAsync(server.Url, None);
        var text = await response.Content.ReadAsStringAsync(None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PrometheusExporter.ContentType, response.Content.Headers.ContentType?.ToString().Replace(" ", "", StringComparison.Ordinal).Replace(";", "; ", StringComparison.Ordinal));
        Assert.Contains("# TYPE autonet_node_steps_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("autonet_node_steps_total{role=\"solver\",state=\"Committed\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE autonet_node_pending_transactions gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("autonet_node_pending_transactions{role=\"solver\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("autonet_chain_block 42\n", text, StringComparison.Ordinal);
        Assert.Contains("autonet_rpc_retries_total{method=\"eth_metricsTest\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("autonet_rpc_calls_total{method=\"eth_metricsTest\",outcome=\"unreachable\"} 1\n", text, StringComparison.Ordinal);
        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Matches(Line(), line));
    }

    [Fact]
    public async Task Get_OtherPath_NotFound()
    {
        await using var server = await MetricsServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), None);
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(server.Url, "/"), None);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task StartAsync_PortInUse_ThrowsNamingKeyAndAddress()
    {
        await using var first = await MetricsServer.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), None);
        var taken = new IPEndPoint(IPAddress.Loopback, first.Url.Port);
        var error = await Assert.ThrowsAsync<IOException>(() => MetricsServer.StartAsync(taken, None));
        Assert.Contains($"metrics.listen {taken}: cannot listen there", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_TwoNodesWithTheDefaultListen_EachGetsAFreePortOfItsOwn()
    {
        var text = (string)Autonet.Node.Config.ConfigKeys.MetricsListen.Default;
        Assert.True(Autonet.Node.Config.MetricsEndpoint.TryParse(text, out var endpoint), text);

        await using var first = await MetricsServer.StartAsync(endpoint, None); // a fixed default port made the second fail
        await using var second = await MetricsServer.StartAsync(endpoint, None);

        Assert.Equal(0, endpoint.Port);
        Assert.NotEqual(first.Url.Port, second.Url.Port);
        Assert.All(new[] { first.Url, second.Url }, url => Assert.True(url.Port > 0 && url.IsLoopback, url.ToString()));
    }

    [Fact]
    public void Render_LabelWithQuoteBackslashAndNewline_Escaped()
    {
        using var exporter = new PrometheusExporter();
        using var meter = new Meter("Autonet.Test.Escape");
        var counter = meter.CreateCounter<long>("autonet_escape_test", description: "a\\b\nc");
        counter.Add(5, new KeyValuePair<string, object?>("value", "say \"hi\"\\\nbye"));
        var text = exporter.Render();
        Assert.Contains("# HELP autonet_escape_test_total a\\\\b\\nc\n", text, StringComparison.Ordinal);
        Assert.Contains("autonet_escape_test_total{value=\"say \\\"hi\\\"\\\\\\nbye\"} 5\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MeterOutsideAutonet_NotExported()
    {
        using var exporter = new PrometheusExporter();
        using var meter = new Meter("Other.Library");
        meter.CreateCounter<long>("other_total").Add(1);
        Assert.DoesNotContain("other_total", exporter.Render(), StringComparison.Ordinal);
    }

    // A comment, or name{labels} value (Prometheus text format 0.0.4).
    [GeneratedRegex("""^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*|[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\.)*",?)*\})? -?[0-9.eE+]+(Infinity|NaN)?)$""")]
    private static partial Regex Line();
}
