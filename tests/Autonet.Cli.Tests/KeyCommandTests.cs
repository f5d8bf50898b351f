// `autonet key new|import|show` as real processes: the passphrase from $AUTONET_PASSPHRASE or key.passphrase_file,
// a devnet home's plaintext node.key migrated into a keystore, and a keystore Foundry's cast wrote imported.
using System.Diagnostics;
using System.Text.Json;

namespace Autonet.Cli.Tests;

public sealed class KeyCommandTests : IDisposable
{
    private const string DevKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private const string DevAddress = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    private readonly string _home = CliProcess.NewHome();
    private readonly Dictionary<string, string> _passphrase = new() { ["AUTONET_PASSPHRASE"] = "key test" };

    [Fact]
    public async Task New_ThenShow_SameAddress_AndNeverOverwrites()
    {
        var created = await CliProcess.RunAsync(_passphrase, "--home", _home, "--json", "key", "new", "--light-kdf");
        Assert.True(created.Code == 0, created.ToString());
        using var json = JsonDocument.Parse(created.Stdout);
        var address = json.RootElement.GetProperty("address").GetString();
        var show = await CliProcess.RunAsync("--home", _home, "--json", "key", "show"); // no passphrase needed
        Assert.True(show.Code == 0, show.ToString());
        Assert.Equal(address, JsonDocument.Parse(show.Stdout).RootElement.GetProperty("address").GetString());
        var again = await CliProcess.RunAsync(_passphrase, "--home", _home, "key", "new", "--light-kdf");
        Assert.Equal(1, again.Code);
        Assert.Contains("already exists; rule: a keystore is never overwritten", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_NoPassphraseAnywhere_SaysTheThreeWays()
    {
        var result = await CliProcess.RunAsync("--home", _home, "key", "new", "--light-kdf"); // standard input is not a terminal here
        Assert.Equal(1, result.Code);
        Assert.Contains("no passphrase for the keystore: set key.passphrase_file, or $AUTONET_PASSPHRASE, or run on a terminal", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_NoFile_MigratesNodeKey_ThenPassphraseFileUnlocksIt()
    {
        Directory.CreateDirectory(_home);
        var legacy = Path.Combine(_home, "node.key");
        await File.WriteAllTextAsync(legacy, DevKey + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(legacy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var passFile = Path.Combine(_home, "pass.txt");
        await File.WriteAllTextAsync(passFile, "from a file\n");
        Assert.Equal(0, (await CliProcess.RunAsync("--home", _home, "config", "set", "key.passphrase_file", passFile)).Code);

        var migrated = await CliProcess.RunAsync("--home", _home, "key", "import", "--light-kdf");
        Assert.True(migrated.Code == 0, migrated.ToString());
        Assert.False(File.Exists(legacy)); // the key lives only encrypted now
        Assert.Contains(DevAddress, migrated.Stdout, StringComparison.Ordinal);

        var (code, output) = await CastAsync("wallet", "address", "--keystore", Path.Combine(_home, "keystore.json"), "--password", "from a file");
        Assert.True(code == 0, output);
        Assert.Equal(DevAddress, output.Trim());

        await File.WriteAllTextAsync(passFile, "wrong\n");
        Assert.Equal(0, (await CliProcess.RunAsync("--home", _home, "config", "set", "node.role", "solver")).Code);
        var wrong = await CliProcess.RunAsync("--home", _home, "node", "check"); // the gate unlocks the key first
        Assert.Equal(1, wrong.Code);
        Assert.Contains("wrong passphrase (the MAC does not match); the passphrase came from key.passphrase_file", wrong.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_CastKeystore_SameAddress()
    {
        Directory.CreateDirectory(_home);
        var (code, output) = await CastAsync("wallet", "new", _home, "cast-key", "--unsafe-password", "key test");
        Assert.True(code == 0, output);
        var address = output.Split('\n').Single(l => l.StartsWith("Address:", StringComparison.Ordinal))["Address:".Length..].Trim();
        var imported = await CliProcess.RunAsync(_passphrase, "--home", _home, "--json", "key", "import", Path.Combine(_home, "cast-key"), "--light-kdf");
        Assert.True(imported.Code == 0, imported.ToString());
        Assert.Equal(address, JsonDocument.Parse(imported.Stdout).RootElement.GetProperty("address").GetString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private async Task<(int Code, string Output)> CastAsync(params string[] arguments)
    {
        string? cast = null;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null && cast is null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "contracts/node_modules/@foundry-rs/cast-linux-amd64/bin/cast");
            cast = File.Exists(path) ? path : null;
        }
        var start = new ProcessStartInfo(cast ?? throw new InvalidOperationException("cast not found under contracts/node_modules: run scripts/setup.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["HOME"] = _home;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
