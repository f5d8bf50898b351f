// JSON text forms of Core's ids for saved role state: Hash32 as 0x-hex, ContentId as its base32 CID, Address as EIP-55.
using System.Text.Json;
using System.Text.Json.Serialization;
using Autonet.Core.Ids;

namespace Autonet.Node.State;

/// <summary>Serializer options that round-trip every Protocol role state record.</summary>
public static class IdJsonConverters
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions { WriteIndented = false };
        options.Converters.Add(new TextConverter<Hash32>(Hash32.Parse, h => h.ToString()));
        options.Converters.Add(new TextConverter<ContentId>(ContentId.Parse, c => c.ToString()));
        options.Converters.Add(new TextConverter<Address>(Address.Parse, a => a.ToString()));
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    private sealed class TextConverter<T>(Func<string, T> parse, Func<T, string> format) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            parse(reader.GetString() ?? throw new JsonException($"{typeof(T).Name} must be a string"));

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(format(value));
    }
}
