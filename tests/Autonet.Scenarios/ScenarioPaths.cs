using System.Diagnostics;

namespace Autonet.Scenarios;

/// <summary>The repository root and a process runner, for the host scenarios.</summary>
internal static class ScenarioPaths
{
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Autonet.slnx")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("no Autonet.slnx above " + AppContext.BaseDirectory);
    }

    public static async Task<(int Code, string Output)> RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
