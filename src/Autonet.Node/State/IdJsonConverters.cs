// JSON text forms of Core's ids for saved role state: Hash32 as 0x-hex, ContentId as its base32 CID, Address as EIP-55.
// Two more option sets for what people read: enums in kebab case ("trimmed-mean", "coordinator") for report.json, and
// the same with camelCase names and no nulls for devnet.json and node event lines.
using System.Text.Json;
using System.Text.Json.Serialization;
using Autonet.Core.Ids;

namespace Autonet.Node.State;

/// <summary>Serializer options that round-trip every Protocol role state record.</summary>
public static class IdJsonConverters
{
    /// <summary>Role state rows in node.db (enums by their C# names).</summary>
    public static JsonSerializerOptions Options { get; } = Create(new JsonStringEnumConverter());

    /// <summary><see cref="Options"/> with enums as kebab-case lower strings (JsonStringEnumMemberName where one is set).</summary>
    public static JsonSerializerOptions KebabEnums { get; } = Create(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)); // names only: "role": 9 is no role

    /// <summary><see cref="KebabEnums"/> with camelCase property names and null members left out: devnet.json, event lines.</summary>
    public static JsonSerializerOptions Documents { get; } = Documented();

    private static JsonSerializerOptions Create(JsonStringEnumConverter enums)
    {
        var options = new JsonSerializerOptions { WriteIndented = false };
        options.Converters.Add(new TextConverter<Hash32>(Hash32.Parse, h => h.ToString()));
        options.Converters.Add(new TextConverter<ContentId>(ContentId.Parse, c => c.ToString()));
        options.Converters.Add(new TextConverter<Address>(Address.Parse, a => a.ToString()));
        options.Converters.Add(enums);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static JsonSerializerOptions Documented()
    {
        var options = new JsonSerializerOptions(KebabEnums)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class TextConverter<T>(Func<string, T> parse, Func<T, string> format) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString() ?? throw new JsonException($"{typeof(T).Name} must be a string");
            try
            {
                return parse(text);
            }
            catch (FormatException e)
            {
                // The serializer's documented error, so that readers of untrusted lines (NodeEvent.TryParse) catch one type.
                throw new JsonException(e.Message, e);
            }
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(format(value));
    }
}
