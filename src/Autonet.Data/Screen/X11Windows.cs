// The titles of the windows on screen: a walk of the window tree from the root (QueryTree), descending only into
// Viewable windows (GetWindowAttributes map-state), reading each one's WM_NAME (predefined atom 39, ICCCM §4.1.2.1)
// and _NET_WM_NAME (UTF-8, EWMH). A window manager reparents clients into frames, so titles sit one or two levels
// down; the walk goes to any depth but visits at most MaxWindows windows, and says so when it stops early.
using System.Text;

namespace Autonet.Data.Screen;

/// <summary>Lists what viewable windows are called, for exclusion by window title.</summary>
public static class X11Windows
{
    /// <summary>Most windows one walk visits (a desktop has a few hundred).</summary>
    public const int MaxWindows = 4096;

    private const uint WmName = 39; // predefined atom WM_NAME, X11 protocol Appendix A

    /// <summary>Titles of viewable windows (each window's WM_NAME and _NET_WM_NAME when set); Complete is false past MaxWindows.</summary>
    public static (IReadOnlyList<(uint Window, string Title)> Titles, bool Complete) ViewableTitles(X11Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var netWmName = connection.Atom("_NET_WM_NAME");
        var titles = new List<(uint, string)>();
        var pending = new Stack<uint>(connection.Children(connection.Screen.Root));
        var visited = 0;
        while (pending.Count > 0)
        {
            if (++visited > MaxWindows)
            {
                return (titles, false);
            }
            var window = pending.Pop();
            if (!connection.IsViewable(window))
            {
                continue;
            }
            foreach (var atom in netWmName == 0 ? [WmName] : new[] { WmName, netWmName })
            {
                var value = connection.Property(window, atom);
                if (value.Length > 0)
                {
                    titles.Add((window, Encoding.UTF8.GetString(value)));
                }
            }
            foreach (var child in connection.Children(window))
            {
                pending.Push(child);
            }
        }
        return (titles, true);
    }

    /// <summary>The first viewable window whose title contains <paramref name="title"/> (ordinal), or null.</summary>
    public static uint? Find(X11Connection connection, string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var match = ViewableTitles(connection).Titles.FirstOrDefault(t => t.Title.Contains(title, StringComparison.Ordinal));
        return match.Window == 0 ? null : match.Window;
    }
}
