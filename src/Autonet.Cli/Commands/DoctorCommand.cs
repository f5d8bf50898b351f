using System.CommandLine;
using Autonet.Cli.Output;
using Autonet.Node.Diagnostics;

namespace Autonet.Cli.Commands;

/// <summary>`autonet doctor`: checks dependencies and prints a fix for each failure.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check OpenBLAS, anvil, solc, Fashion-MNIST, SQLite and the home folder; print a fix for each failure; exit 1 if any fails");
        command.SetAction(async (result, cancellationToken) =>
        {
            var print = Printer.For(result);
            var doctor = new Doctor(GlobalOptions.ResolveHome(result));
            var checks = await doctor.RunAsync(cancellationToken).ConfigureAwait(false);
            var failed = checks.Where(check => !check.Passed).Select(check => check.Name).ToList();
            print.Object(new { passed = failed.Count == 0, checks = checks.Select(c => new { name = c.Name, passed = c.Passed, detail = c.Detail, fix = c.Fix }) });
            print.Table(["check", "status", "detail", "fix"], checks.Select(c => (IReadOnlyList<string>)[c.Name, c.Passed ? "ok" : "FAIL", c.Detail, c.Fix ?? ""]));
            if (failed.Count == 0)
            {
                print.Line("[green]all checks passed[/]");
                return ExitCodes.Success;
            }

            await Console.Error.WriteLineAsync($"autonet doctor: {failed.Count} check(s) failed: {string.Join(", ", failed)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        });
        return command;
    }
}
