// Issue 14: a fresh `chain up` has no project, and every node serves node.project_id (1). `autonet project create`
// makes one with its aggregation rule stated on chain, `fund` and `allow` as its owner, `show` reads it all back; each
// bad value is refused with one line that names it and the rule.
using System.Globalization;
using System.Text.Json;

namespace Autonet.Cli.Tests;

public sealed class ProjectCommandTests : IDisposable
{
    private readonly string _chainHome = CliProcess.NewHome();
    private readonly string _owner = CliProcess.NewHome();
    private readonly string _other = CliProcess.NewHome();
    private readonly Dictionary<string, string> _passphrase = new() { ["AUTONET_PASSPHRASE"] = "project test passphrase" };

    [Fact]
    public async Task Project_CreateWithRule_FundAllowShow()
    {
        var port = CliProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        using var chain = CliProcess.Start(_passphrase, "--home", _chainHome, "--json", "chain", "up", "--port", port);
        try
        {
            using var up = JsonDocument.Parse(await CliProcess.ReadLineAsync(chain));
            var rpc = up.RootElement.GetProperty("rpc").GetString()!;
            var registry = up.RootElement.GetProperty("registry").GetString()!;
            foreach (var (home, role) in new[] { (_owner, "proposer"), (_other, "aggregator") })
            {
                var init = await Run("--home", home, "node", "init", "--role", role, "--rpc", rpc, "--registry", registry, "--light-kdf");
                Assert.True(init.Code == 0, init.ToString());
            }

            var none = await Run("--home", _owner, "project", "show");
            Assert.Equal(1, none.Code);
            Assert.Contains("UnknownProject(1)", none.Stderr, StringComparison.Ordinal); // a fresh chain has no project 1

            // Refused while parsing, before any key or chain: the value and the rule.
            var bad = await Run("--home", _owner, "project", "create", "--aggregation", "rule=trimmed-mean trim=1");
            Assert.True(bad.Code == 2, bad.ToString());
            Assert.Contains("--aggregation: ", bad.Stderr, StringComparison.Ordinal);
            Assert.Contains("trim", bad.Stderr, StringComparison.Ordinal);
            var unknown = await Run("--home", _owner, "project", "create", "--aggregation", "rule=mode");
            Assert.True(unknown.Code == 2, unknown.ToString());
            Assert.Contains("mode", unknown.Stderr, StringComparison.Ordinal);

            Assert.Equal(0, (await Run("--home", _owner, "faucet", "--atn", "300")).Code);
            var tooMuch = await Run("--home", _owner, "project", "create", "--fund", "1000");
            Assert.Equal(1, tooMuch.Code);
            Assert.Contains("holds 300 ATN; rule: cannot fund more than the balance", tooMuch.Stderr, StringComparison.Ordinal);

            var create = await Run("--home", _owner, "--json", "project", "create", "--metadata", "test project", "--aggregation", "rule=trimmed-mean trim_per_side=1", "--fund", "200");
            Assert.True(create.Code == 0, create.ToString());
            using (var made = JsonDocument.Parse(create.Stdout))
            {
                Assert.Equal("1", made.RootElement.GetProperty("projectId").GetString());
                Assert.Equal("rule=trimmed-mean trim_per_side=1", made.RootElement.GetProperty("aggregation").GetString());
            }

            var fund = await Run("--home", _owner, "--json", "project", "fund", "--atn", "50.5");
            Assert.True(fund.Code == 0, fund.ToString());
            using (var funded = JsonDocument.Parse(fund.Stdout))
            {
                Assert.Equal("250.5", funded.RootElement.GetProperty("budgetAtn").GetString());
            }

            var otherKey = await Run("--home", _other, "--json", "key", "show");
            Assert.True(otherKey.Code == 0, otherKey.ToString());
            var otherAddress = JsonDocument.Parse(otherKey.Stdout).RootElement.GetProperty("address").GetString()!;
            Assert.Equal(0, (await Run("--home", _other, "faucet", "--atn", "10")).Code);
            var notOwner = await Run("--home", _other, "project", "allow", "--id", "1", "--proposer", otherAddress);
            Assert.Equal(1, notOwner.Code);
            Assert.Contains("rule: only the owner approves proposers and aggregators", notOwner.Stderr, StringComparison.Ordinal);
            var allow = await Run("--home", _owner, "project", "allow", "--proposer", otherAddress, "--aggregator", otherAddress);
            Assert.True(allow.Code == 0, allow.ToString());

            var show = await Run("--home", _other, "--json", "project", "show", "--id", "1");
            Assert.True(show.Code == 0, show.ToString());
            using var shown = JsonDocument.Parse(show.Stdout);
            var root = shown.RootElement;
            Assert.Equal("test project", root.GetProperty("metadata").GetString());
            Assert.Equal("250.5", root.GetProperty("budgetAtn").GetString());
            Assert.Equal("rule=trimmed-mean trim_per_side=1", root.GetProperty("aggregation").GetString()); // what every aggregator and challenger reads
            Assert.False(root.TryGetProperty("latestModel", out _), show.Stdout); // none published yet (--json leaves nulls out)
            Assert.True(root.GetProperty("thisNode").GetProperty("proposer").GetBoolean(), show.Stdout);
            Assert.True(root.GetProperty("thisNode").GetProperty("aggregator").GetBoolean(), show.Stdout);
            var removed = await Run("--home", _owner, "project", "allow", "--aggregator", otherAddress, "--remove");
            Assert.True(removed.Code == 0, removed.ToString());
            var again = await Run("--home", _other, "--json", "project", "show", "--id", "1");
            Assert.False(JsonDocument.Parse(again.Stdout).RootElement.GetProperty("thisNode").GetProperty("aggregator").GetBoolean(), again.Stdout);
        }
        finally
        {
            Assert.Equal(0, await CliProcess.InterruptAsync(chain));
        }
    }

    public void Dispose()
    {
        foreach (var home in new[] { _chainHome, _owner, _other })
        {
            if (Directory.Exists(home))
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }

    private Task<CliResult> Run(params string[] arguments) => CliProcess.RunAsync(_passphrase, arguments);
}
