// A request's JSON body, read with a size limit and checked field by field, so every refusal names the field and
// the rule (OpenAI's error "param"). Unknown fields are ignored, as OpenAI's API does for forward compatibility.
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Autonet.Inference.Api;

/// <summary>Typed access to the fields of one JSON request object.</summary>
public sealed class RequestBody : IDisposable
{
    private readonly JsonDocument _document;

    private RequestBody(JsonDocument document, byte[] raw) => (_document, Raw) = (document, raw);

    public JsonElement Root => _document.RootElement;

    /// <summary>The body's bytes as received: what a paid request's receipt hashes (Market.PaidHashes).</summary>
    public byte[] Raw { get; }

    /// <summary>Reads and parses the body; 400 when it is not a JSON object.</summary>
    public static async Task<RequestBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(415, $"Content-Type is '{type}'; send application/json", null, "unsupported_media_type");
        }
        using var buffer = new MemoryStream(); // bounded by Kestrel's MaxRequestBodySize
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Parse(buffer.ToArray());
    }

    /// <summary>Parses a body already read (a disputed request's bytes); 400 when it is not a JSON object.</summary>
    public static RequestBody Parse(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(raw);
        }
        catch (JsonException e)
        {
            throw new ApiException(400, $"the body is not valid JSON: {e.Message}", null, "invalid_json");
        }
        var kind = document.RootElement.ValueKind;
        if (kind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new ApiException(400, $"the body must be a JSON object, got {kind.ToString().ToLowerInvariant()}", null, "invalid_json");
        }
        return new RequestBody(document, raw);
    }

    public string RequiredString(string name) => OptionalString(name) ?? throw Missing(name, "a string");

    public string? OptionalString(string name) =>
        !Root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString() : throw WrongType(name, "a string", v);

    public bool? OptionalBool(string name) =>
        !Root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw WrongType(name, "true or false", v);

    /// <summary>An optional integer in [min, max].</summary>
    public int? OptionalInt(string name, int min, int max)
    {
        if (!Root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n))
        {
            throw WrongType(name, "an integer", v);
        }
        return n < min || n > max ? throw Range(name, n, min, max) : (int)n;
    }

    /// <summary>An optional number in [min, max].</summary>
    public double? OptionalNumber(string name, double min, double max)
    {
        if (!Root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var n = v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw WrongType(name, "a number", v);
        return n < min || n > max ? throw Range(name, n, min, max) : n;
    }

    /// <summary>"float" (the default) or "base64": OpenAI's encoding_format.</summary>
    public bool Base64Format(bool defaultBase64)
    {
        var format = OptionalString("encoding_format");
        return format switch
        {
            null => defaultBase64,
            "float" => false,
            "base64" => true,
            _ => throw new ApiException(400, $"'encoding_format': '{format}' is not one of 'float', 'base64'", "encoding_format", "invalid_value"),
        };
    }

    /// <summary>"input": one string or an array of strings.</summary>
    public IReadOnlyList<string> Inputs()
    {
        if (!Root.TryGetProperty("input", out var v) || v.ValueKind == JsonValueKind.Null)
        {
            throw Missing("input", "a string or an array of strings");
        }
        if (v.ValueKind == JsonValueKind.String)
        {
            return [v.GetString()!]; // a JSON string is never null
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw WrongType("input", "a string or an array of strings", v);
        }
        var inputs = new List<string>();
        foreach (var item in v.EnumerateArray())
        {
            inputs.Add(item.ValueKind == JsonValueKind.String ? item.GetString()!
                : throw WrongType($"input[{inputs.Count}]", "a string (token-id arrays are not accepted: send text)", item));
        }
        return inputs;
    }

    /// <summary>"messages": [{"role", "content"}], content a string or an array of {"type": "text", "text"} parts.</summary>
    public IReadOnlyList<Encoders.ChatMessage> Messages()
    {
        if (!Root.TryGetProperty("messages", out var v) || v.ValueKind != JsonValueKind.Array)
        {
            throw v.ValueKind == JsonValueKind.Undefined ? Missing("messages", "an array of {role, content}") : WrongType("messages", "an array of {role, content}", v);
        }
        var messages = new List<Encoders.ChatMessage>();
        foreach (var m in v.EnumerateArray())
        {
            var at = $"messages[{messages.Count}]";
            if (m.ValueKind != JsonValueKind.Object)
            {
                throw WrongType(at, "an object {role, content}", m);
            }
            var role = m.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : throw Missing(at + ".role", "a string");
            if (role is not ("system" or "user" or "assistant" or "developer" or "tool"))
            {
                throw new ApiException(400, $"'{at}.role': '{role}' is not one of system, developer, user, assistant, tool", at + ".role", "invalid_value");
            }
            messages.Add(new Encoders.ChatMessage(role, Content(m, at)));
        }
        return messages.Count == 0 ? throw new ApiException(400, "'messages': must hold at least one message", "messages", "invalid_value") : messages;
    }

    public void Dispose() => _document.Dispose();

    private static string Content(JsonElement message, string at)
    {
        if (!message.TryGetProperty("content", out var c) || c.ValueKind == JsonValueKind.Null)
        {
            throw Missing(at + ".content", "a string or an array of text parts");
        }
        if (c.ValueKind == JsonValueKind.String)
        {
            return c.GetString()!;
        }
        if (c.ValueKind != JsonValueKind.Array)
        {
            throw WrongType(at + ".content", "a string or an array of text parts", c);
        }
        var parts = new List<string>();
        foreach (var part in c.EnumerateArray())
        {
            var pat = $"{at}.content[{parts.Count}]";
            if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() != "text"
                || !part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
            {
                throw new ApiException(400, $"'{pat}': only {{\"type\": \"text\", \"text\": …}} parts are read by a text decoder", pat, "invalid_value");
            }
            parts.Add(text.GetString()!);
        }
        return string.Join('\n', parts);
    }

    private static ApiException Missing(string name, string what) =>
        new(400, $"'{name}' is required: {what}", name, "missing_required_parameter");

    private static ApiException WrongType(string name, string what, JsonElement got) =>
        new(400, $"'{name}' must be {what}, got {got.ValueKind.ToString().ToLowerInvariant()}", name, "invalid_type");

    private static ApiException Range(string name, double value, double min, double max) =>
        new(400, $"'{name}' is {value}; it must be in {min}..{max}", name, "invalid_value");
}
