using System.Buffers.Binary;
using Autonet.Data.Screen;

namespace Autonet.Data.Tests.Screen;

/// <summary>The setup reply's body (X11 protocol, Appendix B "Connection Setup") as a stranger's server could send it.</summary>
public sealed class X11SetupParserTests
{
    private static readonly X11Display Display = X11Display.Parse(":3");

    [Fact]
    public void Parse_OneScreen_RootSizeDepthAndMasks()
    {
        var setup = X11SetupParser.Parse(Body(), Display);

        var screen = Assert.Single(setup.Screens);
        Assert.Equal(new X11Screen(0x123, 640, 480, 24, 0x21, 0xFF0000, 0xFF00, 0xFF), screen);
        Assert.Equal((32, 32), setup.Formats[24]);
        Assert.Equal("Test", setup.Vendor);
        Assert.False(setup.ImageMsbFirst);
    }

    [Fact]
    public void Parse_EveryTruncation_InvalidDataNamingThePart()
    {
        var body = Body();
        for (var length = 0; length < body.Length; length++)
        {
            var error = Assert.Throws<InvalidDataException>(() => X11SetupParser.Parse(body[..length], Display));
            Assert.Contains("cut short", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ToBgra_EightBitPseudoColour_RefusedWithTheReason()
    {
        var image = new X11Image(2, 1, 8, 8, 4, false, 0, 0, 0, new byte[4]);

        var error = Assert.Throws<NotSupportedException>(image.ToBgra);

        Assert.Contains("depth 8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 480)]
    [InlineData(640, 0)]
    [InlineData(40000, 480)]
    public void Parse_ScreenNoGetImageCanGrab_InvalidDataNamingTheSize(int width, int height)
    {
        var body = Body();
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(44 + 20), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(44 + 22), (ushort)height);

        var error = Assert.Throws<InvalidDataException>(() => X11SetupParser.Parse(body, Display));

        Assert.Contains($"screen 0 is {width}x{height} pixels", error.Message, StringComparison.Ordinal);
    }

    // Fixed part (32), vendor "Test" (4), one FORMAT (8), one SCREEN (40) with one DEPTH (8) of one VISUALTYPE (24).
    internal static byte[] Body()
    {
        var b = new byte[32 + 4 + 8 + 40 + 8 + 24];
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(16), 4); // vendor length
        b[20] = 1; // screens
        b[21] = 1; // formats
        "Test"u8.CopyTo(b.AsSpan(32));
        b[36] = 24; // format: depth 24, 32 bits a pixel, pad 32
        b[37] = 32;
        b[38] = 32;
        var s = 44;
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(s), 0x123); // root
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(s + 20), 640);
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(s + 22), 480);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(s + 32), 0x21); // root visual
        b[s + 38] = 24; // root depth
        b[s + 39] = 1; // depths
        b[s + 40] = 24; // depth 24
        BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(s + 42), 1); // visuals
        var v = s + 48;
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(v), 0x21);
        b[v + 4] = 4; // TrueColor
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(v + 8), 0xFF0000);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(v + 12), 0xFF00);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(v + 16), 0xFF);
        return b;
    }
}
