// Foundry's cast (npm @foundry-rs/cast, installed by scripts/setup.sh) reads the keystores we write, and we read the
// ones it writes: the real program, run as a user would.
using System.Diagnostics;
using Autonet.Chain.Crypto;

namespace Autonet.Chain.Tests.Keystores;

public sealed class CastInteropTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("autonet-keystore-").FullName;

    [Theory]
    [InlineData("scrypt")]
    [InlineData("pbkdf2")]
    public async Task Cast_ReadsOurKeystore(string kdf)
    {
        using var key = SigningKey.Generate();
        var path = Path.Combine(_directory, $"ours-{kdf}.json");
        Keystore.Save(path, Keystore.Encrypt(key, "correct horse", kdf == "scrypt" ? KdfParameters.Light : KdfParameters.Pbkdf2 with { Iterations = 4096 }));
        var (code, output) = await CastAsync("wallet", "address", "--keystore", path, "--password", "correct horse");
        Assert.True(code == 0, output);
        Assert.Equal(key.Address.ToString(), output.Trim());
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(path) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Fact]
    public async Task WeRead_CastsNewKeystore()
    {
        var (code, output) = await CastAsync("wallet", "new", _directory, "theirs", "--unsafe-password", "battery staple");
        Assert.True(code == 0, output);
        var address = output.Split('\n').Single(l => l.StartsWith("Address:", StringComparison.Ordinal))["Address:".Length..].Trim();
        using var key = Keystore.Decrypt(Keystore.Read(Path.Combine(_directory, "theirs")), "battery staple");
        Assert.Equal(address, key.Address.ToString());
        Assert.Throws<ChainException>(() => Keystore.Decrypt(Keystore.Read(Path.Combine(_directory, "theirs")), "battery stapler"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<(int Code, string Output)> CastAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(FindCast()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["HOME"] = _directory; // cast must not touch the developer's ~/.foundry
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindCast()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "contracts/node_modules/@foundry-rs/cast-linux-amd64/bin/cast");
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new InvalidOperationException("cast not found under contracts/node_modules: run scripts/setup.sh (npm install in contracts/)");
    }
}
