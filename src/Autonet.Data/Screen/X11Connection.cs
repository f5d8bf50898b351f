// A minimal X11 client over the local Unix socket, enough for screen capture: connection setup (X11 protocol §8;
// Appendix B "Connection Setup") and five core requests (Appendix B "Requests"): GetWindowAttributes (3), GetGeometry
// (14), QueryTree (15), InternAtom (16), GetProperty (20) and GetImage (73, ZPixmap). Client byte order is 'l' (LSB
// first), so every CARD16/CARD32 below is little-endian. Synchronous: a request, then its reply or error (events are
// never selected; any that arrive are skipped, a GenericEvent with its extra length, at most MaxSkippedEvents a
// request). Every reply's size is checked against what its request can return before it is read, and the buffer
// grows only as bytes arrive, so memory is bounded by what the server really sent, not by what it claims. The
// bytes travel over any Stream (a Unix socket here; the fuzz target's recorded server). Not a general Xlib.
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Autonet.Data.Screen;

/// <summary>One connection to a local X server.</summary>
public sealed class X11Connection : IDisposable
{
    /// <summary>Largest image one GetImage may return: 64 MiB (a 4096 × 4096 screen at 32 bits a pixel).</summary>
    public const int MaxImageBytes = 64 << 20;

    /// <summary>Most events skipped while waiting for one reply (none is selected, so a real server sends few).</summary>
    public const int MaxSkippedEvents = 4096;

    private const int MaxSetupBytes = 1 << 20;
    private const int MaxSmallReplyBytes = 1 << 20;
    private const int FirstChunkBytes = 64 << 10;
    private readonly Stream _stream;
    private ushort _sequence;

    private X11Connection(Stream stream, X11Setup setup, X11Display display) => (_stream, Setup, Display) = (stream, setup, display);

    public X11Setup Setup { get; }

    public X11Display Display { get; }

    /// <summary>The screen named by the display (":N.S").</summary>
    public X11Screen Screen => Setup.Screens[Display.Screen];

    /// <summary>Connects and completes setup, with the display's Xauthority cookie when there is one.</summary>
    /// <exception cref="IOException">no server listens, or it refused the connection (the message says why)</exception>
    /// <exception cref="InvalidDataException">the server's setup reply is malformed</exception>
    public static X11Connection Open(X11Display display, string? xauthorityPath = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(display);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var ms = (int)(timeout ?? TimeSpan.FromSeconds(10)).TotalMilliseconds;
        socket.ReceiveTimeout = ms;
        socket.SendTimeout = ms;
        try
        {
            try
            {
                socket.Connect(new UnixDomainSocketEndPoint(display.SocketPath));
            }
            catch (SocketException e)
            {
                throw new IOException($"no X server at display {display} ({display.SocketPath}: {e.SocketErrorCode}); start one or set data.capture_display", e);
            }
            var auth = XAuthority.Find(xauthorityPath ?? XAuthority.DefaultPath(), display.Number);
            return Open(new NetworkStream(socket, ownsSocket: true), display, auth);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Completes setup over an open byte stream to a server (the connection owns the stream from here).</summary>
    /// <exception cref="IOException">the server refused the connection, or the stream ended or failed</exception>
    /// <exception cref="InvalidDataException">the server's setup reply is malformed</exception>
    internal static X11Connection Open(Stream stream, X11Display display, (string Name, byte[] Data)? auth)
    {
        try
        {
            var setup = Handshake(stream, display, auth);
            if (display.Screen >= setup.Screens.Count)
            {
                throw new IOException($"display {display}: the server has {setup.Screens.Count} screen(s)");
            }
            return new X11Connection(stream, setup, display);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>GetImage (opcode 73) in ZPixmap of a rectangle of a drawable, all planes.</summary>
    /// <exception cref="IOException">the server answered with an error (e.g. Match: the rectangle is off screen)</exception>
    public X11Image GetImage(uint drawable, int x, int y, int width, int height)
    {
        if (width is < 1 or > 32767 || height is < 1 or > 32767)
        {
            Errors.Option("capture rectangle", $"{width}x{height}", "width and height must be in 1..32767");
        }
        var request = new byte[20];
        Header(request, 73, 2 /* ZPixmap */);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(4), drawable);
        BinaryPrimitives.WriteInt16LittleEndian(request.AsSpan(8), checked((short)x));
        BinaryPrimitives.WriteInt16LittleEndian(request.AsSpan(10), checked((short)y));
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(12), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(14), (ushort)height);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(16), 0xFFFFFFFF);
        // The largest reply any depth can give: 32 bits a pixel, rows padded to 32 bits.
        var (head, data) = Request(request, Math.Min((long)width * height * 4, MaxImageBytes));
        var depth = head[1];
        if (!Setup.Formats.TryGetValue(depth, out var format))
        {
            throw new InvalidDataException($"GetImage: depth {depth} is not among the server's pixmap formats");
        }
        var stride = (((width * format.BitsPerPixel) + format.ScanlinePad - 1) / format.ScanlinePad) * format.ScanlinePad / 8;
        if (data.Length < (long)stride * height)
        {
            throw new InvalidDataException($"GetImage: {data.Length} bytes for {width}x{height} at {format.BitsPerPixel} bits a pixel (need {stride * height})");
        }
        var visual = BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(8));
        var screen = Setup.Screens.FirstOrDefault(s => s.RootVisual == visual) ?? Screen;
        return new X11Image(width, height, depth, format.BitsPerPixel, stride, Setup.ImageMsbFirst, screen.RedMask, screen.GreenMask, screen.BlueMask, data);
    }

    /// <summary>QueryTree (15): the window's children, bottom to top.</summary>
    public IReadOnlyList<uint> Children(uint window)
    {
        var (head, data) = Request(WindowRequest(15, window), MaxSmallReplyBytes);
        var count = BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(16));
        if (data.Length < count * 4)
        {
            throw new InvalidDataException($"QueryTree: {count} children in {data.Length} bytes");
        }
        var children = new uint[count];
        for (var i = 0; i < count; i++)
        {
            children[i] = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(4 * i));
        }
        return children;
    }

    /// <summary>GetWindowAttributes (3): whether the window is Viewable (map-state 2: it and all its ancestors mapped).</summary>
    public bool IsViewable(uint window) => Request(WindowRequest(3, window), 64).Head[26] == 2;

    /// <summary>GetGeometry (14): the drawable's position in its parent and its size.</summary>
    public (int X, int Y, int Width, int Height) Geometry(uint drawable)
    {
        var head = Request(WindowRequest(14, drawable), 0).Head;
        return (BinaryPrimitives.ReadInt16LittleEndian(head.AsSpan(12)), BinaryPrimitives.ReadInt16LittleEndian(head.AsSpan(14)),
            BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(16)), BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(18)));
    }

    /// <summary>InternAtom (16) with only-if-exists: the atom's id, or 0 when no client ever made it.</summary>
    public uint Atom(string name)
    {
        var bytes = Encoding.ASCII.GetBytes(name);
        var request = new byte[8 + Pad4(bytes.Length)];
        Header(request, 16, 1);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(4), (ushort)bytes.Length);
        bytes.CopyTo(request, 8);
        return BinaryPrimitives.ReadUInt32LittleEndian(Request(request, 0).Head.AsSpan(8));
    }

    /// <summary>GetProperty (20), any type, first <paramref name="maxBytes"/> bytes of the value; empty when unset.</summary>
    public byte[] Property(uint window, uint property, int maxBytes = 1024)
    {
        var request = new byte[24];
        Header(request, 20, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(4), window);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(8), property);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(16), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(20), (uint)Pad4(maxBytes) / 4);
        var (head, data) = Request(request, Pad4(maxBytes));
        var format = head[1];
        var units = BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(16));
        var length = (long)units * (format / 8);
        return format == 0 ? [] : data.AsSpan(0, (int)Math.Min(length, data.Length)).ToArray();
    }

    public void Dispose() => _stream.Dispose();

    private static X11Setup Handshake(Stream stream, X11Display display, (string Name, byte[] Data)? auth)
    {
        var name = Encoding.ASCII.GetBytes(auth?.Name ?? "");
        var data = auth?.Data ?? [];
        var request = new byte[12 + Pad4(name.Length) + Pad4(data.Length)];
        request[0] = (byte)'l';
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(2), 11); // protocol-major-version
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(6), (ushort)name.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(8), (ushort)data.Length);
        name.CopyTo(request, 12);
        data.CopyTo(request, 12 + Pad4(name.Length));
        Send(stream, request);
        var head = Receive(stream, 8);
        var extra = BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(6)) * 4;
        if (extra > MaxSetupBytes)
        {
            throw new InvalidDataException($"X server at {display}: a setup reply of {extra} bytes (more than {MaxSetupBytes})");
        }
        var body = Receive(stream, extra);
        if (head[0] != 1)
        {
            var reason = Encoding.ASCII.GetString(body, 0, head[0] == 0 ? Math.Min(head[1], body.Length) : body.Length).TrimEnd('\0');
            throw new IOException($"X server at {display} refused the connection: {reason.Trim()} (authorization {(auth is null ? "none: no cookie in " + XAuthority.DefaultPath() : auth.Value.Name)})");
        }
        return X11SetupParser.Parse(body, display);
    }

    private (byte[] Head, byte[] Data) Request(byte[] request, long maxExtra)
    {
        Send(_stream, request);
        var sequence = ++_sequence;
        for (var skipped = 0; skipped <= MaxSkippedEvents; skipped++)
        {
            var head = Receive(_stream, 32);
            if (head[0] == 0)
            {
                throw new IOException($"X server error {head[1]} ({ErrorName(head[1])}) for request {request[0]}, bad value 0x{BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(4)):x}");
            }
            if ((head[0] & 0x7F) == 35)
            {
                // GenericEvent (X Generic Event Extension): 32 bytes, then length x 4 more; skipped, bounded like a reply.
                var more = (long)BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(4)) * 4;
                if (more > MaxSmallReplyBytes)
                {
                    throw new InvalidDataException($"X GenericEvent of {more} extra bytes while waiting for request {request[0]} (at most {MaxSmallReplyBytes})");
                }
                Receive(_stream, (int)more);
                continue;
            }
            if (head[0] != 1)
            {
                continue; // a core event (2..34, the send-event bit aside): none selected, skipped
            }
            var replySequence = BinaryPrimitives.ReadUInt16LittleEndian(head.AsSpan(2));
            var extra = (long)BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(4)) * 4;
            if (replySequence != sequence || extra > maxExtra)
            {
                throw new InvalidDataException($"X reply for request {request[0]}: sequence {replySequence} (expected {sequence}), {extra} bytes (at most {maxExtra})");
            }
            return (head, Receive(_stream, (int)extra));
        }
        throw new InvalidDataException($"the X server sent more than {MaxSkippedEvents} events and no reply to request {request[0]}");
    }

    private static void Header(byte[] request, byte opcode, byte data)
    {
        request[0] = opcode;
        request[1] = data;
        BinaryPrimitives.WriteUInt16LittleEndian(request.AsSpan(2), (ushort)(request.Length / 4));
    }

    private static byte[] WindowRequest(byte opcode, uint window)
    {
        var request = new byte[8];
        Header(request, opcode, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(4), window);
        return request;
    }

    // Exactly count bytes. The buffer starts at 64 KiB and doubles as bytes arrive, so a reply that claims 64 MiB and
    // sends 32 bytes costs 64 KiB, not 64 MiB (a whole honest reply costs at most twice its size).
    private static byte[] Receive(Stream stream, int count)
    {
        var buffer = new byte[Math.Min(count, FirstChunkBytes)];
        for (var read = 0; read < count;)
        {
            if (read == buffer.Length)
            {
                Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, count));
            }
            int n;
            try
            {
                n = stream.Read(buffer, read, buffer.Length - read);
            }
            catch (IOException e)
            {
                throw new IOException($"reading from the X server after {read} of {count} bytes: {e.Message}", e);
            }
            if (n == 0)
            {
                throw new IOException($"the X server closed the connection after {read} of {count} bytes");
            }
            read += n;
        }
        return buffer;
    }

    private static void Send(Stream stream, byte[] request)
    {
        try
        {
            stream.Write(request);
        }
        catch (IOException e)
        {
            throw new IOException($"writing to the X server: {e.Message}", e);
        }
    }

    private static int Pad4(int n) => (n + 3) & ~3;

    // Core error codes, X11 protocol §4 "Errors".
    private static string ErrorName(byte code) => code switch
    {
        2 => "Value",
        3 => "Window",
        8 => "Match: the rectangle is not fully on screen, or the window is not viewable",
        9 => "Drawable",
        11 => "Alloc",
        _ => "see X11 protocol §4",
    };
}
