using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Autonet.Tensors.Memory;

namespace Autonet.Tensors.IO;

/// <summary>
/// The safetensors format (huggingface/safetensors README, "Format"): an 8-byte little-endian header length N,
/// N bytes of UTF-8 JSON {"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {..}},
/// then the raw little-endian data. We write and read F32 only, tensors in arena order, header padded with
/// spaces to 8 bytes, so torch's safetensors.torch.load_file reads checkpoints and deltas directly.
/// </summary>
public static class Safetensors
{
    private const long MaxHeader = 100_000_000; // the reference implementation's limit

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

    /// <exception cref="InvalidDataException">Bad header length or JSON, a dtype other than F32, a shape that does not
    /// match its byte range, overlapping or gapped ranges, or truncated data.</exception>
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
        var header = new byte[n];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
        {
            Errors.Safetensors($"truncated header: expected {n} bytes");
        }
        var entries = ParseHeader(header, out var metadata);
        var expected = entries.Count == 0 ? 0 : entries[^1].End;
        var data = new byte[expected];
        var got = stream.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
        if (got < data.Length)
        {
            Errors.Safetensors($"truncated data: header describes {expected} bytes, file has {got}");
        }
        var tensors = new List<KeyValuePair<string, Tensor>>(entries.Count);
        foreach (var e in entries)
        {
            var values = MemoryMarshal.Cast<byte, float>(data.AsSpan((int)e.Begin, (int)(e.End - e.Begin))).ToArray();
            tensors.Add(new(e.Name, new Tensor(values, 0, e.Shape)));
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

    private static List<Entry> ParseHeader(byte[] header, out Dictionary<string, string> metadata)
    {
        metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(Encoding.UTF8.GetString(header).TrimEnd(' '));
        }
        catch (JsonException e)
        {
            return Errors.Safetensors<List<Entry>>($"header is not valid JSON ({e.Message})");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                Errors.Safetensors("header must be a JSON object");
            }
            var entries = new List<Entry>();
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (prop.Name == "__metadata__")
                {
                    foreach (var m in prop.Value.EnumerateObject())
                    {
                        metadata[m.Name] = m.Value.GetString() ?? "";
                    }
                    continue;
                }
                entries.Add(ParseEntry(prop));
            }
            entries.Sort((a, b) => a.Begin.CompareTo(b.Begin));
            long next = 0;
            foreach (var e in entries)
            {
                if (e.Begin != next)
                {
                    Errors.Safetensors($"tensor '{e.Name}' starts at byte {e.Begin}, expected {next} (ranges must be contiguous, no overlap)");
                }
                next = e.End;
            }
            return entries;
        }
    }

    private static Entry ParseEntry(JsonProperty prop)
    {
        var v = prop.Value;
        if (v.ValueKind != JsonValueKind.Object || !v.TryGetProperty("dtype", out var dtype)
            || !v.TryGetProperty("shape", out var shapeEl) || !v.TryGetProperty("data_offsets", out var offs)
            || offs.ValueKind != JsonValueKind.Array || offs.GetArrayLength() != 2 || shapeEl.ValueKind != JsonValueKind.Array)
        {
            return Errors.Safetensors<Entry>($"tensor '{prop.Name}' needs dtype, shape and two data_offsets");
        }
        if (dtype.GetString() != "F32")
        {
            Errors.Safetensors($"tensor '{prop.Name}' has dtype '{dtype.GetString()}', only F32 is supported (convert with tensor.float())");
        }
        var shape = shapeEl.EnumerateArray().Select(d => d.TryGetInt32(out var x) && x >= 0 ? x : -1).ToArray();
        var (begin, end) = (offs[0].TryGetInt64(out var b) ? b : -1, offs[1].TryGetInt64(out var e) ? e : -1);
        long count = 1;
        foreach (var d in shape)
        {
            count = d < 0 ? -1 : count * d;
        }
        if (count < 0 || begin < 0 || end < begin || end - begin != 4 * count)
        {
            Errors.Safetensors($"tensor '{prop.Name}': shape {Errors.Format(shape)} needs {4 * count} bytes but data_offsets are [{begin}, {end}]");
        }
        return new Entry(prop.Name, shape, begin, end);
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors I/O here assumes a little-endian CPU");
        }
    }

    private readonly record struct Entry(string Name, int[] Shape, long Begin, long End);
}
