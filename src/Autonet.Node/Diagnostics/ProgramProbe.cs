using System.Diagnostics;

namespace Autonet.Node.Diagnostics;

/// <summary>Runs a program briefly (e.g. `anvil --version`) and returns its first output line; never throws for a missing program.</summary>
public static class ProgramProbe
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>; (true, first line) on exit code 0.</summary>
    public static async Task<(bool Ok, string Output)> RunAsync(string program, string[] arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return (false, $"could not start {program}");
            }

            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer.CancelAfter(timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(timer.Token);
            var stderr = process.StandardError.ReadToEndAsync(timer.Token);
            try
            {
                await process.WaitForExitAsync(timer.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return (false, $"{Path.GetFileName(program)} did not answer within {timeout.TotalSeconds:0} s");
            }

            var output = (await stdout.ConfigureAwait(false)).Trim();
            if (output.Length == 0)
            {
                output = (await stderr.ConfigureAwait(false)).Trim();
            }

            var firstLine = output.Split('\n', 2)[0].Trim();
            return (process.ExitCode == 0, firstLine);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (false, $"could not run {program}: {e.Message}");
        }
    }
}
