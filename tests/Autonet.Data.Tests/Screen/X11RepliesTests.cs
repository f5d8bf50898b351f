using System.Buffers.Binary;
using Autonet.Data.Screen;

namespace Autonet.Data.Tests.Screen;

/// <summary>What a stranger's X server can send after setup (the fuzz target's findings, kept as cases): lies about lengths, events.</summary>
public sealed class X11RepliesTests
{
    private static readonly X11Display Display = X11Display.Parse(":3");

    [Fact]
    public void GetImage_ReplyClaimsMoreThanItSends_IOExceptionAndMemoryBoundedByWhatArrived()
    {
        var body = X11SetupParserTests.Body(); // a 640 x 480 screen: GetImage may take up to 1.2 MB
        using var connection = Connect(body, Reply(1, 24, extraWords: 640 * 480, new byte[32]));
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<IOException>(() => connection.GetImage(0x123, 0, 0, 640, 480));

        Assert.Contains("closed the connection after 32 of 1228800 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 256 << 10, "a 1.2 MB claim with 32 bytes sent costs the first 64 KiB chunk, not 1.2 MB");
    }

    [Fact]
    public void Geometry_EventsBeforeTheReply_SkippedWithAGenericEventsExtraBytes()
    {
        var expose = new byte[32];
        expose[0] = 12;
        var generic = new byte[32 + 8]; // GenericEvent, length 2: 8 more bytes that must not be read as the reply
        generic[0] = 35;
        BinaryPrimitives.WriteUInt32LittleEndian(generic.AsSpan(4), 2);
        generic[32] = 1; // would look like a reply's first byte
        var geometry = Reply(1, 24, 0, []);
        BinaryPrimitives.WriteUInt16LittleEndian(geometry.AsSpan(16), 320);
        BinaryPrimitives.WriteUInt16LittleEndian(geometry.AsSpan(18), 200);
        using var connection = Connect(X11SetupParserTests.Body(), [.. expose, .. generic, .. geometry]);

        Assert.Equal((0, 0, 320, 200), connection.Geometry(0x123));
    }

    [Fact]
    public void Geometry_EndlessEvents_RefusedAfterMaxSkippedEvents()
    {
        var events = new byte[32 * (X11Connection.MaxSkippedEvents + 2)];
        for (var i = 0; i < events.Length; i += 32)
        {
            events[i] = 12;
        }
        using var connection = Connect(X11SetupParserTests.Body(), events);

        var error = Assert.Throws<InvalidDataException>(() => connection.Geometry(0x123));

        Assert.Contains($"more than {X11Connection.MaxSkippedEvents} events", error.Message, StringComparison.Ordinal);
    }

    private static X11Connection Connect(byte[] setupBody, byte[] after)
    {
        var head = new byte[8];
        head[0] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(2), 11);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(6), (ushort)(setupBody.Length / 4));
        return X11Connection.Open(new ServerBytes([.. head, .. setupBody, .. after]), Display, null);
    }

    // A reply's 32-byte head (its extra length in 4-byte words) and the bytes that follow it.
    private static byte[] Reply(ushort sequence, byte data1, int extraWords, byte[] following)
    {
        var head = new byte[32];
        (head[0], head[1]) = (1, data1);
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(4), (uint)extraWords);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(8), 0x21);
        return [.. head, .. following];
    }

    // A recorded server: reads return the bytes, writes (the client's requests) are dropped.
    private sealed class ServerBytes(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanWrite => true;

        public override void Write(byte[] buffer, int offset, int count)
        {
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
        }
    }
}
