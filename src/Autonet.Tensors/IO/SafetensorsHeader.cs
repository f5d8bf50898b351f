using System.Text.Json;
using System.Text.Unicode;

namespace Autonet.Tensors.IO;

/// <summary>
/// Parses and checks a safetensors JSON header (huggingface/safetensors README, "Format") without trusting any of it:
/// strict UTF-8, an object of unique names, each {"dtype": string, "shape": [int, …], "data_offsets": [begin, end]}
/// with an element count that fits a float[], a byte range that matches count × dtype size, ranges that tile the
/// data from 0 with no gap or overlap, and "__metadata__" a map of strings. Every failure is an InvalidDataException.
/// </summary>
internal static class SafetensorsHeader
{
    public const string MetadataKey = "__metadata__";

    public readonly record struct Entry(string Name, string Dtype, int[] Shape, long Begin, long End)
    {
        public int Count => End == Begin ? 0 : (int)((End - Begin) / SafetensorsDtype.Size(Dtype));
    }

    /// <summary>The entries in data order and the metadata; <paramref name="dataLength"/> is the end of the last range.</summary>
    public static List<Entry> Parse(byte[] header, out Dictionary<string, string> metadata, out long dataLength)
    {
        metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        dataLength = 0;
        if (!Utf8.IsValid(header))
        {
            Errors.Safetensors("header is not valid UTF-8");
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(header.AsMemory());
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
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (!seen.Add(prop.Name))
                {
                    Errors.Safetensors($"name '{prop.Name}' appears twice in the header");
                }
                if (prop.Name == MetadataKey)
                {
                    ReadMetadata(prop.Value, metadata);
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
            dataLength = next;
            return entries;
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            Errors.Safetensors($"'{MetadataKey}' must be an object of strings, got a JSON {value.ValueKind}");
        }
        foreach (var m in value.EnumerateObject())
        {
            if (m.Value.ValueKind != JsonValueKind.String)
            {
                Errors.Safetensors($"metadata '{m.Name}' must be a string, got a JSON {m.Value.ValueKind}");
            }
            if (!metadata.TryAdd(m.Name, m.Value.GetString()!)) // a String element always has a value
            {
                Errors.Safetensors($"metadata '{m.Name}' appears twice");
            }
        }
    }

    private static Entry ParseEntry(JsonProperty prop)
    {
        var v = prop.Value;
        if (v.ValueKind != JsonValueKind.Object || !v.TryGetProperty("dtype", out var dtypeElement)
            || !v.TryGetProperty("shape", out var shapeElement) || !v.TryGetProperty("data_offsets", out var offsets)
            || dtypeElement.ValueKind != JsonValueKind.String || shapeElement.ValueKind != JsonValueKind.Array
            || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
        {
            return Errors.Safetensors<Entry>($"tensor '{prop.Name}' needs a string dtype, a shape array and two data_offsets");
        }
        var dtype = dtypeElement.GetString()!; // a String element always has a value
        var size = SafetensorsDtype.Size(dtype);
        if (size == 0)
        {
            Errors.Safetensors($"tensor '{prop.Name}' has dtype '{dtype}'; supported: {SafetensorsDtype.Supported}");
        }
        var shape = new int[shapeElement.GetArrayLength()];
        long count = 1;
        var i = 0;
        foreach (var d in shapeElement.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out shape[i]) || shape[i] < 0)
            {
                Errors.Safetensors($"tensor '{prop.Name}': shape entry {i} is {d.GetRawText()}, expected an integer in 0..{int.MaxValue}");
            }
            // Checked at every step, so the product can neither wrap nor pass Array.MaxLength (a float[] holds the values).
            count = count == 0 || shape[i] == 0 ? 0 : count > Array.MaxLength / shape[i] ? long.MaxValue : count * shape[i];
            if (count > Array.MaxLength)
            {
                Errors.Safetensors($"tensor '{prop.Name}': shape {Errors.Format(shape.AsSpan(0, i + 1))}… has more than {Array.MaxLength} elements");
            }
            i++;
        }
        if (offsets[0].ValueKind != JsonValueKind.Number || offsets[1].ValueKind != JsonValueKind.Number
            || !offsets[0].TryGetInt64(out var begin) || !offsets[1].TryGetInt64(out var end) || begin < 0 || end < begin)
        {
            return Errors.Safetensors<Entry>($"tensor '{prop.Name}': data_offsets {offsets.GetRawText()} must be two integers 0 <= begin <= end");
        }
        if (end - begin != count * size)
        {
            Errors.Safetensors($"tensor '{prop.Name}': shape {Errors.Format(shape)} of {dtype} needs {count * size} bytes but data_offsets are [{begin}, {end}]");
        }
        return new Entry(prop.Name, dtype, shape, begin, end);
    }
}
