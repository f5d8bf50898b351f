using Autonet.Chain.Dev;
using Microsoft.Data.Sqlite;

namespace Autonet.Node.Diagnostics;

/// <summary>
/// Checks every dependency Autonet uses and says, for each failure, what to run to fix it.
/// It reads and probes; it never installs anything (scripts/setup.sh does).
/// </summary>
public sealed class Doctor(NodeHome home)
{
    private const string Setup = "run ./scripts/setup.sh from the repository root";

    /// <summary>Runs every check, in a fixed order.</summary>
    public async Task<IReadOnlyList<DoctorCheck>> RunAsync(CancellationToken cancellationToken)
    {
        var checks = new List<DoctorCheck> { BlasCheck.Run() };

        checks.Add(await ProgramAsync("anvil", AnvilLocator.Find(), ["--version"], cancellationToken).ConfigureAwait(false));
        checks.Add(await ProgramAsync("solc", ToolLocator.NodeModuleProgram("solcjs"), ["--version"], cancellationToken).ConfigureAwait(false));
        checks.Add(FashionMnist());
        checks.Add(Sqlite());
        checks.Add(HomeWritable());
        return checks;
    }

    // The same program the node will run: anvil through Chain's AnvilLocator (the native binary DevChain starts).
    private static async Task<DoctorCheck> ProgramAsync(string name, string? path, string[] arguments, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return DoctorCheck.Fail(name, $"{name} not found under contracts/node_modules or on PATH", $"{Setup} (it runs npm install in contracts/)");
        }

        var (ok, output) = await ProgramProbe.RunAsync(path, arguments, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return ok
            ? DoctorCheck.Pass(name, $"{output} ({path})")
            : DoctorCheck.Fail(name, $"{path} failed: {output}", $"cd contracts && npm install");
    }

    private static DoctorCheck FashionMnist()
    {
        var folder = ToolLocator.FashionMnistFolder;
        var missing = ToolLocator.FashionMnistFiles.Where(file => !File.Exists(Path.Combine(folder, file))).ToList();
        if (missing.Count > 0)
        {
            return DoctorCheck.Fail("fashion-mnist", $"missing in {folder}: {string.Join(", ", missing)}", "apt-get install dataset-fashion-mnist");
        }

        var bytes = ToolLocator.FashionMnistFiles.Sum(file => new FileInfo(Path.Combine(folder, file)).Length);
        return DoctorCheck.Pass("fashion-mnist", $"4 IDX files, {bytes / 1e6:0.0} MB in {folder}");
    }

    private static DoctorCheck Sqlite()
    {
        try
        {
            SQLitePCL.Batteries_V2.Init();
            using var connection = new SqliteConnection("Data Source=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t(x); INSERT INTO t VALUES (42); SELECT x || ' ' || sqlite_version() FROM t;";
            var answer = command.ExecuteScalar() as string ?? "";
            return answer.StartsWith("42 ", StringComparison.Ordinal)
                ? DoctorCheck.Pass("sqlite", $"SQLite {answer[3..]} read back what it wrote")
                : DoctorCheck.Fail("sqlite", $"unexpected answer '{answer}'", "dotnet restore (SQLitePCLRaw.bundle_e_sqlite3)");
        }
        catch (Exception e) when (e is SqliteException or DllNotFoundException or TypeInitializationException)
        {
            return DoctorCheck.Fail("sqlite", e.Message, "dotnet restore (SQLitePCLRaw.bundle_e_sqlite3 ships the native library)");
        }
    }

    private DoctorCheck HomeWritable()
    {
        try
        {
            home.EnsureCreated();
            var probe = home.File($".doctor-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            var readBack = File.ReadAllText(probe);
            File.Delete(probe);
            return readBack == "ok"
                ? DoctorCheck.Pass("home", $"{home.Path} is writable")
                : DoctorCheck.Fail("home", $"{home.Path}: read back '{readBack}'", "check the disk");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DoctorCheck.Fail("home", $"{home.Path}: {e.Message}", $"choose a writable folder with --home DIR, or fix permissions of {home.Path}");
        }
    }
}
