// Splits a byte stream into lines at '\n' (a trailing '\r' is dropped) without decoding, so invalid UTF-8 is
// detected per line by the caller instead of being silently replaced. Lines longer than a limit are not
// buffered: they are reported as too long and skipped to the next newline.
namespace Autonet.Data.Text;

/// <summary>Streaming '\n' splitter over bytes with a per-line size limit.</summary>
internal static class JsonlLineReader
{
    public static IEnumerable<RawLine> ReadLines(Stream stream, int maxLineBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var line = new MemoryStream();
        var tooLong = false;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }
                Append(line, buffer, start, i - start, maxLineBytes, ref tooLong);
                yield return Take(line, ref tooLong);
                start = i + 1;
            }
            Append(line, buffer, start, read - start, maxLineBytes, ref tooLong);
        }
        if (line.Length > 0 || tooLong)
        {
            yield return Take(line, ref tooLong);
        }
    }

    private static void Append(MemoryStream line, byte[] buffer, int start, int count, int maxLineBytes, ref bool tooLong)
    {
        if (tooLong)
        {
            return;
        }
        if (line.Length + count > maxLineBytes)
        {
            tooLong = true;
            line.SetLength(0);
            return;
        }
        line.Write(buffer, start, count);
    }

    private static RawLine Take(MemoryStream line, ref bool tooLong)
    {
        var bytes = line.ToArray();
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }
        var result = new RawLine(bytes, tooLong);
        line.SetLength(0);
        tooLong = false;
        return result;
    }
}
