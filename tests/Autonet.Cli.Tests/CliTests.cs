using System.Diagnostics;

namespace Autonet.Cli.Tests;

/// <summary>The `autonet` program run as a user runs it: exit codes and one-line errors that name the value and the rule.</summary>
public class CliTests
{
    [Fact]
    public async Task Version_Always_PrintsVersionAndExitsZero()
    {
        var (code, output) = await RunAsync("--version");
        Assert.Equal(0, code);
        Assert.StartsWith("0.1.0", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelFetch_MalformedId_ExitsOneNamingValueAndRule()
    {
        var (code, output) = await RunAsync("model", "fetch", "bafkreibad!", "-o", Path.GetTempFileName(), "-p", "http://127.0.0.1:1");
        Assert.Equal(1, code);
        Assert.Contains("content id 'bafkreibad!' is invalid", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal); // no stack trace without --verbose
    }

    [Fact]
    public async Task Balance_RpcNotAUrl_ExitsNonZeroNamingValue()
    {
        var (code, output) = await RunAsync("balance", "--rpc", "notaurl");
        Assert.NotEqual(0, code);
        Assert.Contains("'notaurl' is not an absolute http(s) URL", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Balance_NoChainFile_SaysToRunChainUp()
    {
        var home = Path.Combine(Path.GetTempPath(), $"autonet-cli-{Guid.NewGuid():N}");
        var (code, output) = await RunAsync("--home", home, "balance");
        Assert.Equal(1, code);
        Assert.Contains("autonet chain up", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelPublish_MissingFile_ExitsOneNamingFile()
    {
        var (code, output) = await RunAsync("model", "publish", "/nonexistent/model.safetensors", "-p", "http://127.0.0.1:1");
        Assert.Equal(1, code);
        Assert.Contains("'/nonexistent/model.safetensors' does not exist", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeStep_HomeNotSetUp_ExitsOneNamingNodeJson()
    {
        var home = Path.Combine(Path.GetTempPath(), $"autonet-cli-{Guid.NewGuid():N}");
        var (code, output) = await RunAsync("--home", home, "node", "step", "--task", "1");
        Assert.Equal(1, code);
        Assert.Contains("node.json does not exist", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NetworkRun_TooManyLazyCoordinators_ExitsOneNamingOption()
    {
        var (code, output) = await RunAsync("network", "run", "--lazy-coordinators", "5");
        Assert.Equal(1, code);
        Assert.Contains("--lazy-coordinators 5: 0..2", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--modality", "audio", "--modality audio: image or text")]
    [InlineData("--attack", "flip", "--attack flip: one of signflip, noise, scale, nan, shape, zero, tiny-noise, replay, bad-reveal, slot-fill, train-on-validation, duplicate-cid")]
    public async Task NetworkRun_UnknownName_ExitsOneNamingFlagAndChoices(string flag, string value, string message)
    {
        var (code, output) = await RunAsync("network", "run", flag, value);
        Assert.Equal(1, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "autonet.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!; // "dotnet" is on PATH wherever the tests run
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
