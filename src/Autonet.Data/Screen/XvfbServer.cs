// A private X server for work that must not touch the user's screen: Xvfb (Debian package xvfb) started on a free
// display it picks itself (-displayfd writes the number to our pipe), no TCP, black root (-br), one screen of the
// given size at depth 24. Disposing stops it. Used by the pair-set builder and by tests; not a window manager.
using System.Diagnostics;
using System.Globalization;

namespace Autonet.Data.Screen;

/// <summary>An Xvfb process and the display it serves.</summary>
public sealed class XvfbServer : IDisposable
{
    private static readonly string[] Programs = ["/usr/bin/Xvfb", "/usr/local/bin/Xvfb"];
    private readonly Process _process;

    private XvfbServer(Process process, X11Display display, string? authFile) => (_process, Display, AuthFile) = (process, display, authFile);

    public X11Display Display { get; }

    /// <summary>The -auth file the server was started with, or null (then it accepts any local client).</summary>
    public string? AuthFile { get; }

    /// <summary>":N", for a child's DISPLAY.</summary>
    public string Name => Display.ToString();

    /// <summary>Starts Xvfb and waits until it listens.</summary>
    /// <exception cref="FileNotFoundException">Xvfb is not installed (scripts/setup.sh installs it)</exception>
    /// <exception cref="IOException">it did not start within <paramref name="timeout"/></exception>
    public static XvfbServer Start(int width, int height, string? authFile = null, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 8);
        var program = Programs.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("Xvfb is not installed: run scripts/setup.sh (apt-get install xvfb)", "Xvfb");
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-displayfd", "1", "-screen", "0", FormattableString.Invariant($"{width}x{height}x24"), "-nolisten", "tcp", "-br", "-noreset" })
        {
            info.ArgumentList.Add(argument);
        }
        if (authFile is not null)
        {
            info.ArgumentList.Add("-auth");
            info.ArgumentList.Add(authFile);
        }
        var process = Process.Start(info) ?? throw new IOException($"could not start {program}");
        process.ErrorDataReceived += (_, _) => { }; // drained so the server never blocks on a full pipe
        process.BeginErrorReadLine();
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(timeout ?? TimeSpan.FromSeconds(30)) || !int.TryParse(line.Result, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            Stop(process);
            throw new IOException($"Xvfb did not report a display within {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds} s (exit: {(process.HasExited ? process.ExitCode : "still running")})");
        }
        return new XvfbServer(process, X11Display.Parse(FormattableString.Invariant($":{number}")), authFile);
    }

    public void Dispose()
    {
        Stop(_process);
        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5000);
        }
    }
}
