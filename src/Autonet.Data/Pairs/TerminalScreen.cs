// A real program drawing text on a private X screen: xterm (Debian package xterm) on an Xvfb, its window at the
// top-left corner with no border or scroll bar, black on white in DejaVu Sans Mono, reading what to show from a FIFO
// through `cat`. Show() clears the terminal, hides the cursor (DEC private mode 25) and writes the lines; the caller
// grabs the window's rectangle of the root with our X11 client until two grabs agree (the redraw is done).
using System.Diagnostics;
using System.Text;
using Autonet.Data.Screen;

namespace Autonet.Data.Pairs;

/// <summary>An xterm on an Xvfb that shows one text at a time.</summary>
public sealed class TerminalScreen : IDisposable
{
    public const string Title = "autonet-pairs";

    private readonly XvfbServer _server;
    private readonly Process _xterm;
    private readonly FileStream _input;
    private readonly string _folder;

    private TerminalScreen(XvfbServer server, Process xterm, FileStream input, string folder, X11Connection connection, (int, int, int, int) area)
    {
        (_server, _xterm, _input, _folder, Connection, Area) = (server, xterm, input, folder, connection, area);
    }

    /// <summary>Our connection to the screen, for grabs.</summary>
    public X11Connection Connection { get; }

    /// <summary>The terminal window's rectangle on the root window.</summary>
    public (int X, int Y, int Width, int Height) Area { get; }

    /// <summary>Starts Xvfb and an xterm of <paramref name="columns"/> × <paramref name="rows"/> cells.</summary>
    /// <exception cref="FileNotFoundException">xterm or Xvfb is missing (scripts/setup.sh installs them)</exception>
    public static TerminalScreen Start(int columns, int rows, int fontSize)
    {
        var xtermPath = File.Exists("/usr/bin/xterm") ? "/usr/bin/xterm" : throw new FileNotFoundException("xterm is not installed: run scripts/setup.sh (apt-get install xterm)", "xterm");
        var folder = Directory.CreateTempSubdirectory("autonet-terminal-").FullName;
        var fifo = Path.Combine(folder, "show");
        Run("mkfifo", fifo);
        var server = XvfbServer.Start(Math.Max(64, columns * fontSize * 2), Math.Max(64, rows * fontSize * 3));
        var info = new ProcessStartInfo(xtermPath) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.Environment["DISPLAY"] = server.Name;
        info.Environment["LANG"] = "C.UTF-8";
        foreach (var argument in new[]
        {
            "-geometry", FormattableString.Invariant($"{columns}x{rows}+0+0"), "-b", "0", "-bw", "0", "+sb", "-fa", "DejaVu Sans Mono",
            "-fs", FormattableString.Invariant($"{fontSize}"), "-bg", "white", "-fg", "black", "-title", Title, "-e", "cat", fifo,
        })
        {
            info.ArgumentList.Add(argument);
        }
        var xterm = Process.Start(info) ?? throw new IOException("could not start xterm");
        try
        {
            var input = new FileStream(fifo, FileMode.Open, FileAccess.Write); // returns once cat inside xterm opened the FIFO
            var connection = X11Connection.Open(server.Display);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            uint? window;
            while ((window = X11Windows.Find(connection, Title)) is null)
            {
                if (xterm.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new IOException($"xterm showed no window within 30 s (exited: {xterm.HasExited})");
                }
                Thread.Sleep(10);
            }
            var (_, _, width, height) = connection.Geometry(window.Value);
            return new TerminalScreen(server, xterm, input, folder, connection, (0, 0, width, height));
        }
        catch
        {
            xterm.Kill();
            server.Dispose();
            throw;
        }
    }

    /// <summary>Clears the terminal and draws these lines from the top-left cell.</summary>
    public void Show(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        _input.Write(Encoding.ASCII.GetBytes("\u001b[?25l\u001b[2J\u001b[H" + string.Join("\r\n", lines)));
        _input.Flush();
    }

    /// <summary>One grab of the terminal's rectangle.</summary>
    public X11Image Grab() => Connection.GetImage(Connection.Screen.Root, Area.X, Area.Y, Area.Width, Area.Height);

    public void Dispose()
    {
        Connection.Dispose();
        _input.Dispose();
        if (!_xterm.HasExited)
        {
            _xterm.Kill();
            _xterm.WaitForExit(5000);
        }
        _xterm.Dispose();
        _server.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false }) ?? throw new IOException($"could not run {program}");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new IOException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}");
        }
    }
}
