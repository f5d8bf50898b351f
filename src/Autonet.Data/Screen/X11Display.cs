// Where an X display listens: DISPLAY ":N" or ":N.S" (unix:N, or an empty host) is the local Unix socket
// /tmp/.X11-unix/XN (the X11 convention for local connections; see Xlib §2.1 "Opening the Display"). TCP displays
// ("host:N") are refused: the capture only reads the user's own local screen.
using System.Globalization;

namespace Autonet.Data.Screen;

/// <summary>A local X display: its number, screen, and the Unix socket it listens on.</summary>
public sealed record X11Display(int Number, int Screen, string SocketPath)
{
    /// <summary>Parses ":0", ":1.0", "unix:2"; the socket is under <paramref name="socketDirectory"/> (default /tmp/.X11-unix).</summary>
    /// <exception cref="ArgumentException">not a local display name</exception>
    public static X11Display Parse(string display, string socketDirectory = "/tmp/.X11-unix")
    {
        ArgumentNullException.ThrowIfNull(display);
        var colon = display.LastIndexOf(':');
        var host = colon < 0 ? "" : display[..colon];
        var rest = colon < 0 ? "" : display[(colon + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        var number = dot < 0 ? rest : rest[..dot];
        var screen = dot < 0 ? "0" : rest[(dot + 1)..];
        var n = 0;
        var s = 0;
        if (host is not ("" or "unix") || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n > 65535
            || !int.TryParse(screen, NumberStyles.None, CultureInfo.InvariantCulture, out s))
        {
            Errors.Option("data.capture_display", display, "must be a local X display such as :0 or :1.0 (a TCP display host:N is not captured)");
        }
        return new X11Display(n, s, Path.Combine(socketDirectory, $"X{n}"));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $":{Number}.{Screen}");
}
