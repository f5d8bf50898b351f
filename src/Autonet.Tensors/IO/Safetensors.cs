using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Autonet.Tensors.Memory;

namespace Autonet.Tensors.IO;

/// <summary>
/// The safetensors format (huggingface/safetensors README, "Format"): an 8-byte little-endian header length N,
/// N bytes of UTF-8 JSON {"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {..}},
/// then the raw little-endian data. We write F32 only, tensors in arena order, header padded with spaces to 8 bytes,
/// so torch's safetensors.torch.load_file reads checkpoints and deltas directly. We read every dtype torch writes for
/// real numbers, bools and integers, converted to float32 (see <see cref="SafetensorsDtype"/>). Files are untrusted.
/// </summary>
public static class Safetensors
{
    private const long MaxHeader = Autonet.Core.SizeLimits.SafetensorsHeaderBytes;

    public static void Write(Stream stream, ParameterArena arena, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(arena);
        Write(stream, arena.Parameters.Select(p => new KeyValuePair<string, Tensor>(p.Name, p.ValueTensor)), metadata);
    }

    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(tensors);
        RequireLittleEndian();
        var list = tensors.ToList();
        using var json = new MemoryStream();
        using (var w = new Utf8JsonWriter(json))
        {
            w.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                w.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    w.WriteString(k, v);
                }
                w.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, t) in list)
            {
                w.WriteStartObject(name);
                w.WriteString("dtype", "F32");
                w.WriteStartArray("shape");
                foreach (var d in t.Shape)
                {
                    w.WriteNumberValue(d);
                }
                w.WriteEndArray();
                w.WriteStartArray("data_offsets");
                w.WriteNumberValue(offset);
                w.WriteNumberValue(offset + (4L * t.Length));
                w.WriteEndArray();
                w.WriteEndObject();
                offset += 4L * t.Length;
            }
            w.WriteEndObject();
        }
        var pad = (int)((8 - (json.Length % 8)) % 8);
        Span<byte> len = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)(json.Length + pad));
        stream.Write(len);
        stream.Write(json.GetBuffer().AsSpan(0, (int)json.Length));
        for (var i = 0; i < pad; i++)
        {
            stream.WriteByte((byte)' ');
        }
        foreach (var (_, t) in list)
        {
            stream.Write(MemoryMarshal.AsBytes(t.Span));
        }
    }

    /// <summary>
    /// Reads every tensor as float32 (F16, BF16, F32, F64, I8, U8, I16, I32, I64 and BOOL are converted) with the
    /// string metadata. Nothing the file claims is allocated before the file is known to hold it: a seekable stream's
    /// length is checked first, a non-seekable one is read in growing chunks, so memory stays within about 2x the
    /// bytes present plus the floats of the result.
    /// </summary>
    /// <exception cref="InvalidDataException">Any malformed file: bad header length, UTF-8 or JSON, duplicate names, a dtype
    /// we do not read, a shape that does not match its byte range or has too many elements, overlapping or gapped
    /// ranges, a BOOL byte other than 0 or 1, or truncated data. The message names the tensor and the rule.</exception>
    public static SafetensorsData Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        RequireLittleEndian();
        Span<byte> len = stackalloc byte[8];
        if (stream.ReadAtLeast(len, 8, throwOnEndOfStream: false) < 8)
        {
            Errors.Safetensors("file is shorter than the 8-byte header length");
        }
        var n = BinaryPrimitives.ReadUInt64LittleEndian(len);
        if (n is < 2 or > MaxHeader)
        {
            Errors.Safetensors($"header length {n} is outside [2, {MaxHeader}]");
        }
        if (stream.CanSeek && stream.Length - stream.Position < (long)n)
        {
            // Before any buffer: a 52-byte file claiming a 43 KB header cost a 1 MiB buffer per read.
            Errors.Safetensors($"truncated header: header length is {n} bytes, file has {stream.Length - stream.Position} after it");
        }
        var header = ReadBounded(stream, (long)n, "header");
        var entries = SafetensorsHeader.Parse(header, out var metadata, out var dataLength);
        if (!stream.CanSeek)
        {
            // Read what is there before trusting the header's total, then continue from memory.
            stream = new MemoryStream(ReadBounded(stream, dataLength, "data"), writable: false);
        }
        else if (stream.Length - stream.Position < dataLength)
        {
            Errors.Safetensors($"truncated data: header describes {dataLength} bytes, file has {stream.Length - stream.Position}");
        }
        var tensors = new List<KeyValuePair<string, Tensor>>(entries.Count);
        foreach (var e in entries)
        {
            tensors.Add(new(e.Name, new Tensor(ReadValues(stream, e), 0, e.Shape)));
        }
        return new SafetensorsData(tensors, metadata);
    }

    /// <summary>Reads a file written from an arena with the same layout back into it (every name, every shape).</summary>
    public static IReadOnlyDictionary<string, string> Load(Stream stream, ParameterArena arena)
    {
        ArgumentNullException.ThrowIfNull(arena);
        var data = Read(stream);
        var byName = data.Tensors.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var p in arena.Parameters)
        {
            if (!byName.TryGetValue(p.Name, out var t))
            {
                Errors.Safetensors($"tensor '{p.Name}' is missing (the model has {arena.Parameters.Count}, the file {byName.Count})");
            }
            if (!t.Shape.AsSpan().SequenceEqual(p.Shape))
            {
                Errors.Safetensors($"tensor '{p.Name}' has shape {Errors.Format(t.Shape)}, the model expects {Errors.Format(p.Shape)}");
            }
        }
        foreach (var p in arena.Parameters)
        {
            byName[p.Name].Span.CopyTo(p.Value);
        }
        return data.Metadata;
    }

    // Reads exactly `count` bytes, growing the buffer by doubling from 1 MiB, so a length the file does not back
    // costs at most twice what the file holds.
    private static byte[] ReadBounded(Stream stream, long count, string what)
    {
        if (count > Array.MaxLength)
        {
            Errors.Safetensors($"{what} of {count} bytes is too large to read from a non-seekable stream");
        }
        var buffer = new byte[Math.Min(count, 1 << 20)];
        var got = 0;
        while (true)
        {
            got += stream.ReadAtLeast(buffer.AsSpan(got), buffer.Length - got, throwOnEndOfStream: false);
            if (got == count)
            {
                return buffer;
            }
            if (got < buffer.Length)
            {
                return Errors.Safetensors<byte[]>($"truncated {what}: expected {count} bytes, file has {got}");
            }
            Array.Resize(ref buffer, (int)Math.Min(count, 2L * buffer.Length));
        }
    }

    private static float[] ReadValues(Stream stream, SafetensorsHeader.Entry entry)
    {
        var values = new float[entry.Count];
        if (entry.Dtype == "F32")
        {
            stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan())); // length checked against the stream before
            return values;
        }
        var size = SafetensorsDtype.Size(entry.Dtype);
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var perChunk = chunk.Length / size;
            for (var at = 0; at < values.Length; at += perChunk)
            {
                var count = Math.Min(perChunk, values.Length - at);
                var raw = chunk.AsSpan(0, count * size);
                stream.ReadExactly(raw);
                if (!SafetensorsDtype.TryConvert(entry.Dtype, raw, values.AsSpan(at, count), out var problem))
                {
                    Errors.Safetensors($"tensor '{entry.Name}': {problem}");
                }
            }
            return values;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors I/O here assumes a little-endian CPU");
        }
    }

}
