using Autonet.Data.Screen;

namespace Autonet.Data.Tests.Screen;

/// <summary>Our X11 client against a real Xvfb, with the real `xwd` and `xauth` as oracles.</summary>
public sealed class X11ConnectionTests
{
    [Fact]
    public void GetImage_RootWithAProgram_SamePixelsAsXwd()
    {
        using var server = XvfbServer.Start(160, 120);
        using var program = X11Program.Show(server, "oracle", "xmessage", "-title", "oracle", "-geometry", "+10+10", "-bg", "white", "-fg", "black", "Debian");
        using var connection = X11Connection.Open(server.Display);
        var screen = connection.Screen;

        var ours = connection.GetImage(screen.Root, 0, 0, screen.Width, screen.Height);
        var (width, height, xwd) = XwdFile.Read(X11Program.Run(server, "xwd", "-root", "-silent"));

        Assert.Equal((160, 120), (screen.Width, screen.Height));
        Assert.Equal((width, height), (ours.Width, ours.Height));
        Assert.Equal(xwd, ours.ToBgra());
        var (x, y, w, h) = connection.Geometry(X11Windows.Find(connection, "oracle")!.Value); // Show waited for the window
        var inside = Enumerable.Range(y + 2, h - 4).SelectMany(row => Enumerable.Range(x + 2, w - 4).Select(col => xwd[((row * width) + col) * 4])).ToList();
        Assert.True(inside.Count(v => v == 255) > inside.Count / 2, "the window is white");
        Assert.Contains((byte)0, inside); // with black text in it
        Assert.Equal(0, xwd[0]); // on a black root
    }

    [Fact]
    public void GetImage_RectangleOffScreen_ServerErrorNamesMatch()
    {
        using var server = XvfbServer.Start(64, 64);
        using var connection = X11Connection.Open(server.Display);

        var error = Assert.Throws<IOException>(() => connection.GetImage(connection.Screen.Root, 32, 32, 64, 64));

        Assert.Contains("Match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ServerWithCookie_ConnectsWithXauthFileAndIsRefusedWithout()
    {
        var folder = Directory.CreateTempSubdirectory("autonet-xauth-").FullName;
        try
        {
            const string Cookie = "00112233445566778899aabbccddeeff";
            var serverFile = Path.Combine(folder, "server");
            RunXauth(serverFile, "add", ":0", ".", Cookie); // the server loads every cookie in its -auth file
            using var server = XvfbServer.Start(32, 32, serverFile);
            var clientFile = Path.Combine(folder, "client");
            RunXauth(clientFile, "add", server.Name, ".", Cookie);

            using (var connection = X11Connection.Open(server.Display, clientFile))
            {
                Assert.Equal(32, connection.Screen.Width);
            }
            var refused = Assert.Throws<IOException>(() => X11Connection.Open(server.Display, Path.Combine(folder, "none")));
            Assert.Contains("refused", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Open_NoServer_SaysWhichDisplay()
    {
        var display = X11Display.Parse(":9", Directory.CreateTempSubdirectory("autonet-nox-").FullName);

        var error = Assert.Throws<IOException>(() => X11Connection.Open(display));

        Assert.Contains("no X server at display :9.0", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(":0", 0, 0, "/tmp/.X11-unix/X0")]
    [InlineData(":12.1", 12, 1, "/tmp/.X11-unix/X12")]
    [InlineData("unix:3", 3, 0, "/tmp/.X11-unix/X3")]
    public void Parse_LocalDisplay_NumberScreenAndSocket(string name, int number, int screen, string socket) =>
        Assert.Equal(new X11Display(number, screen, socket), X11Display.Parse(name));

    [Theory]
    [InlineData("example.org:0")]
    [InlineData("0")]
    [InlineData(":x")]
    [InlineData(":1.y")]
    [InlineData(":70000")]
    public void Parse_NotALocalDisplay_NamesTheKeyAndValue(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => X11Display.Parse(name));

        Assert.Equal("data.capture_display", error.ParamName);
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_TruncatedXauthority_NoCookie()
    {
        byte[] truncated = [0x01, 0x00, 0x00, 0x05, (byte)'h'];

        Assert.Null(XAuthority.Find(truncated, 0, "h"));
    }

    private static void RunXauth(string file, params string[] arguments)
    {
        var info = new System.Diagnostics.ProcessStartInfo("xauth") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add("-q");
        info.ArgumentList.Add("-f");
        info.ArgumentList.Add(file);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = System.Diagnostics.Process.Start(info)!; // Start returns null only for shell-executed documents
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
    }
}
