using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Autonet.Core.Json;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785): sorted keys (by UTF-16 code units), no whitespace,
/// ECMAScript number formatting, minimal string escaping. Signed off-chain records are hashed in this form.
/// Not a general serializer: give it JSON text or a <see cref="JsonElement"/>.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Canonicalizes JSON text.</summary>
    /// <exception cref="FormatException">The text is not JSON, has a duplicate key, or a number outside IEEE-754 double.</exception>
    public static string Canonicalize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"canonical JSON: input is not JSON: {e.Message}", e);
        }

        using (document)
        {
            return Canonicalize(document.RootElement);
        }
    }

    /// <summary>Canonicalizes a parsed element.</summary>
    public static string Canonicalize(JsonElement element)
    {
        var builder = new StringBuilder();
        Write(builder, element);
        return builder.ToString();
    }

    /// <summary>The canonical form as UTF-8 bytes, ready to hash or sign.</summary>
    public static byte[] ToUtf8Bytes(string json) => System.Text.Encoding.UTF8.GetBytes(Canonicalize(json));

    /// <summary>Serializes a value with System.Text.Json, then canonicalizes it.</summary>
    public static string Serialize<T>(T value, JsonSerializerOptions? options = null) =>
        Canonicalize(JsonSerializer.SerializeToElement(value, options));

    private static void Write(StringBuilder output, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(output, element);
                break;
            case JsonValueKind.Array:
                output.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        output.Append(',');
                    }

                    first = false;
                    Write(output, item);
                }

                output.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(output, element.GetString()!); // a String element always has a value
                break;
            case JsonValueKind.Number:
                output.Append(FormatNumber(element.GetDouble()));
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            default:
                output.Append("null");
                break;
        }
    }

    private static void WriteObject(StringBuilder output, JsonElement element)
    {
        var properties = element.EnumerateObject().ToList();
        // RFC 8785 §3.2.3: sort by the UTF-16 code units of the names; ordinal comparison does exactly that.
        properties.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        output.Append('{');
        for (var i = 0; i < properties.Count; i++)
        {
            if (i > 0)
            {
                if (string.Equals(properties[i].Name, properties[i - 1].Name, StringComparison.Ordinal))
                {
                    throw new FormatException($"canonical JSON: duplicate key '{properties[i].Name}' (RFC 8785 §3.1 requires unique names)");
                }

                output.Append(',');
            }

            WriteString(output, properties[i].Name);
            output.Append(':');
            Write(output, properties[i].Value);
        }

        output.Append('}');
    }

    private static void WriteString(StringBuilder output, string value)
    {
        // RFC 8785 §3.2.2.2: escape only '"', '\\' and control characters; short forms where JSON has them.
        output.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': output.Append("\\\""); break;
                case '\\': output.Append("\\\\"); break;
                case '\b': output.Append("\\b"); break;
                case '\f': output.Append("\\f"); break;
                case '\n': output.Append("\\n"); break;
                case '\r': output.Append("\\r"); break;
                case '\t': output.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        output.Append(c);
                    }

                    break;
            }
        }

        output.Append('"');
    }

    /// <summary>ECMAScript Number::toString (ECMA-262 §6.1.6.1.20), as RFC 8785 §3.2.2.3 requires.</summary>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new FormatException($"canonical JSON: number {value} is not finite (RFC 8785 §3.2.2.3)");
        }

        if (value == 0)
        {
            return "0"; // also -0
        }

        // "R" gives the shortest digits that round-trip; rewrite them in ECMAScript's layout.
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intDigits = dot < 0 ? mantissa.Length : dot;
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var n = intDigits + exponent; // value = 0.d1d2... × 10^n
        var trimmedStart = digits.TrimStart('0');
        n -= digits.Length - trimmedStart.Length;
        digits = trimmedStart.TrimEnd('0');
        var k = digits.Length;

        var body = new StringBuilder();
        if (k <= n && n <= 21)
        {
            body.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            body.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            body.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            body.Append(digits[0]);
            if (k > 1)
            {
                body.Append('.').Append(digits, 1, k - 1);
            }

            body.Append('e').Append(n - 1 >= 0 ? "+" : "-").Append(Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture));
        }

        return value < 0 ? "-" + body : body.ToString();
    }
}
