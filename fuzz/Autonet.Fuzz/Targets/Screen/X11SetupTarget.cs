using Autonet.Data.Screen;

namespace Autonet.Fuzz.Targets.Screen;

/// <summary>X11SetupParser.Parse on a setup reply's body straight from the input: InvalidDataException only, and a parsed setup's screens are sizes GetImage can grab.</summary>
internal sealed class X11SetupTarget : FuzzTarget
{
    private static readonly X11Display Display = X11Display.Parse(":7");

    public override string Name => "x11setup";

    public override string Decoder => "X11SetupParser.Parse";

    public override void Run(byte[] input)
    {
        try
        {
            var setup = X11SetupParser.Parse(input, Display);
            if (setup.Screens.Any(s => s.Width is < 1 or > 32767 || s.Height is < 1 or > 32767))
            {
                throw new InvalidOperationException("a screen no GetImage can grab was accepted");
            }
        }
        catch (InvalidDataException)
        {
        }
    }

    public override IEnumerable<byte[]> Seeds()
    {
        yield return X11Transcript.SetupBody(8, 6);
        yield return X11Transcript.SetupBody(1920, 1080);
    }
}
