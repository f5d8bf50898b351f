using System.CommandLine;
using Autonet.Node.Diagnostics;
using Spectre.Console;

namespace Autonet.Cli.Commands;

/// <summary>`autonet doctor`: checks dependencies and prints a fix for each failure.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Check OpenBLAS, anvil, solc, Fashion-MNIST, SQLite and the home folder; print a fix for each failure");
        command.SetAction(async (result, cancellationToken) =>
        {
            var doctor = new Doctor(GlobalOptions.ResolveHome(result));
            var checks = await doctor.RunAsync(cancellationToken).ConfigureAwait(false);
            var table = new Table().Border(TableBorder.Rounded).AddColumns("check", "status", "detail");
            foreach (var check in checks)
            {
                var status = check.Passed ? "[green]ok[/]" : "[red]FAIL[/]";
                var detail = check.Passed ? check.Detail : $"{check.Detail}\n[yellow]fix:[/] {check.Fix}";
                table.AddRow(Markup.Escape(check.Name), status, check.Passed ? Markup.Escape(detail) : detail.Replace(check.Detail, Markup.Escape(check.Detail), StringComparison.Ordinal));
            }

            AnsiConsole.Write(table);
            var failed = checks.Where(check => !check.Passed).Select(check => check.Name).ToList();
            if (failed.Count == 0)
            {
                AnsiConsole.MarkupLine("[green]all checks passed[/]");
                return 0;
            }

            await Console.Error.WriteLineAsync($"autonet doctor: {failed.Count} check(s) failed: {string.Join(", ", failed)}").ConfigureAwait(false);
            return 1;
        });
        return command;
    }
}
