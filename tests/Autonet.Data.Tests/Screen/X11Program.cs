using System.Diagnostics;
using Autonet.Data.Screen;

namespace Autonet.Data.Tests.Screen;

/// <summary>A real X client (xmessage, xterm, xwd) run on a test's Xvfb; disposing stops it.</summary>
internal sealed class X11Program : IDisposable
{
    private readonly Process _process;

    private X11Program(Process process) => _process = process;

    /// <summary>Starts <paramref name="program"/> on the display and waits (bounded) until a viewable window titled <paramref name="title"/> is drawn.</summary>
    public static X11Program Show(XvfbServer server, string title, string program, params string[] arguments)
    {
        var process = Start(server, program, arguments);
        using var connection = X11Connection.Open(server.Display);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); // waits on a real process; asserts nothing about time
        while (X11Windows.Find(connection, title) is null)
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{program} showed no window titled '{title}' (exited: {process.HasExited}: {process.StandardError.ReadToEnd()})");
            }
            Thread.Sleep(20);
        }
        WaitStable(connection);
        return new X11Program(process);
    }

    /// <summary>Runs a program to its end and returns its standard output bytes.</summary>
    public static byte[] Run(XvfbServer server, string program, params string[] arguments)
    {
        using var process = Start(server, program, arguments);
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} exited {process.ExitCode}: {process.StandardError.ReadToEnd()}");
        return output.ToArray();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        _process.Dispose();
    }

    // Two equal grabs in a row: the client has finished drawing its first expose.
    private static void WaitStable(X11Connection connection)
    {
        var screen = connection.Screen;
        byte[]? previous = null;
        for (var i = 0; i < 500; i++)
        {
            var grab = connection.GetImage(screen.Root, 0, 0, screen.Width, screen.Height).Data;
            if (previous is not null && grab.AsSpan().SequenceEqual(previous))
            {
                return;
            }
            previous = grab;
            Thread.Sleep(20);
        }
    }

    private static Process Start(XvfbServer server, string program, string[] arguments)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["DISPLAY"] = server.Name;
        if (server.AuthFile is not null)
        {
            info.Environment["XAUTHORITY"] = server.AuthFile;
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {program}");
    }
}
