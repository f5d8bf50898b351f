namespace Autonet.Fuzz.Targets.Screen;

/// <summary>A recorded X server: reads return the input's bytes in order, then end of stream; the client's requests are discarded.</summary>
internal sealed class ServerBytes(byte[] replies) : MemoryStream(replies, writable: false)
{
    public override bool CanWrite => true;

    public override void Write(byte[] buffer, int offset, int count)
    {
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
    }
}
