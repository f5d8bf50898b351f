using System.Text.Json;

namespace Autonet.Cli.Tests;

/// <summary>`autonet config`: set, get and list through the real program, environment overrides, and refused values.</summary>
public sealed class ConfigCommandTests : IDisposable
{
    private readonly string _home = CliProcess.NewHome();

    [Fact]
    public async Task Set_Get_List_ShowValueAndSource()
    {
        var set = await CliProcess.RunAsync("--home", _home, "config", "set", "data.train_on_agent_data", "true");
        Assert.True(set.Code == 0, set.ToString());

        var get = await CliProcess.RunAsync("--home", _home, "config", "get", "data.train_on_agent_data");
        Assert.Equal("true", get.Stdout.Trim());

        var list = await CliProcess.RunAsync(new Dictionary<string, string> { ["AUTONET_RPC"] = "http://10.1.2.3:8545" }, "--home", _home, "config", "list", "--json");
        Assert.True(list.Code == 0, list.ToString());
        using var json = JsonDocument.Parse(list.Stdout);
        var keys = json.RootElement.GetProperty("keys").EnumerateArray().ToDictionary(k => k.GetProperty("key").GetString()!, k => k);
        Assert.Equal("file", keys["data.train_on_agent_data"].GetProperty("source").GetString());
        Assert.Equal("$AUTONET_RPC", keys["chain.rpc"].GetProperty("source").GetString());
        Assert.Equal("http://10.1.2.3:8545", keys["chain.rpc"].GetProperty("value").GetString());
        Assert.Equal("default", keys["data.screen_capture"].GetProperty("source").GetString());
    }

    [Fact]
    public async Task UnknownKey_IsAUsageError_NamingTheNearestKey()
    {
        var result = await CliProcess.RunAsync("--home", _home, "config", "get", "chain.rcp");
        Assert.Equal(2, result.Code);
        Assert.Contains("unknown key 'chain.rcp'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("chain.rpc", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadValue_IsRefused_AndTheFileKeepsItsValue()
    {
        Assert.Equal(0, (await CliProcess.RunAsync("--home", _home, "config", "set", "data.fps_cap", "2")).Code);
        var bad = await CliProcess.RunAsync("--home", _home, "config", "set", "data.fps_cap", "fast");
        Assert.Equal(1, bad.Code);
        Assert.Contains("data.fps_cap = 'fast' is invalid: must be a finite number", bad.Stderr, StringComparison.Ordinal);
        Assert.Equal("2", (await CliProcess.RunAsync("--home", _home, "config", "get", "data.fps_cap")).Stdout.Trim());
    }

    [Fact]
    public void DocsListEveryKey()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "config.md"));
        foreach (var key in Node.Config.ConfigKeys.All)
        {
            Assert.Contains($"`{key.Name}`", docs, StringComparison.Ordinal);
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Autonet.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new DirectoryNotFoundException("no Autonet.slnx above the test binaries");
    }

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }
}
