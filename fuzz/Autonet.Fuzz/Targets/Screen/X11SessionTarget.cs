using Autonet.Data.Frames;
using Autonet.Data.Screen;

namespace Autonet.Fuzz.Targets.Screen;

/// <summary>
/// One screen-capture session of our X11 client against a server that sends the input's bytes: setup, the walk of
/// viewable window titles, GetGeometry, GetImage, ToBgra and the frame it becomes. IOException (refused, cut
/// short, an X error), InvalidDataException (a malformed setup or reply) and NotSupportedException (pixels that
/// are not 24/32-bit TrueColor) only: what ScreenCaptureSource catches and counts.
/// </summary>
internal sealed class X11SessionTarget : FuzzTarget
{
    private static readonly X11Display Display = X11Display.Parse(":7");

    public override string Name => "x11";

    public override string Decoder => "X11Connection (setup, replies, events), X11Windows, X11Image.ToBgra";

    public override void Run(byte[] input)
    {
        try
        {
            using var connection = X11Connection.Open(new ServerBytes(input), Display, (XAuthority.CookieName, new byte[16]));
            var (titles, _) = X11Windows.ViewableTitles(connection);
            if (titles.Count > X11Windows.MaxWindows * 2)
            {
                throw new InvalidOperationException($"{titles.Count} titles from a walk of at most {X11Windows.MaxWindows} windows");
            }
            var screen = connection.Screen;
            connection.Geometry(screen.Root);
            var image = connection.GetImage(screen.Root, 0, 0, screen.Width, screen.Height);
            var pixels = FrameDecoder.FromBgra(image.ToBgra(), image.Width, image.Height, 8);
            if (pixels.Length != 64 || pixels.Any(p => !float.IsFinite(p)))
            {
                throw new InvalidOperationException($"a frame of {pixels.Length} pixels, or not finite");
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException)
        {
        }
    }

    public override IEnumerable<byte[]> Seeds()
    {
        static X11Transcript Session() => new X11Transcript().Setup(X11Transcript.SetupBody(8, 6))
            .Atom(0x155).Tree(0x200, 0x300)
            .Attributes(true).Property("notes").Property(null).Tree()
            .Attributes(false)
            .Geometry(8, 6);
        yield return Session().Image(8, 6).ToArray();
        yield return Session().Events().Image(8, 6).ToArray(); // an Expose and a GenericEvent before GetImage's reply
        yield return Session().Error(8).ToArray(); // GetImage answered with a Match error
        yield return new X11Transcript().Refused("No protocol specified").ToArray();
        yield return new X11Transcript().Setup(X11Transcript.SetupBody(8, 6)).Atom(0).Tree().Geometry(8, 6).Image(8, 6).ToArray();
    }
}
