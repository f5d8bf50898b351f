// Parses one JSONL line of agent data ({"role", "content", "timestamp"}) without ever throwing: the result
// says what was wrong so the caller can count it. Content may be a string or an array of blocks whose
// "text" strings are joined with newlines (the shape chat APIs use for multi-part messages).
using System.Text.Json;
using System.Text.Unicode;

namespace Autonet.Data.Text;

/// <summary>Try-parse of one conversation or execution record line.</summary>
public static class ConversationRecordParser
{
    public static RecordParseResult TryParse(ReadOnlySpan<byte> line, out ConversationRecord? record)
    {
        record = null;
        if (line.StartsWith("\uFEFF"u8))
        {
            line = line[3..]; // a UTF-8 byte order mark, as editors and .NET's Encoding.UTF8 write at a file's start
        }
        if (line.Trim(" \t\r"u8).IsEmpty)
        {
            return RecordParseResult.Empty;
        }
        if (!Utf8.IsValid(line))
        {
            return RecordParseResult.InvalidUtf8;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.ToArray());
        }
        catch (JsonException)
        {
            return RecordParseResult.CorruptJson;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return RecordParseResult.CorruptJson;
            }
            if (!root.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("content", out var content))
            {
                return RecordParseResult.MissingFields;
            }
            string? text;
            string roleText;
            try
            {
                text = ContentText(content);
                roleText = role.GetString() ?? "";
            }
            catch (InvalidOperationException)
            {
                // JSON escapes can encode lone surrogates ("\ud800"), which GetString refuses: not text.
                return RecordParseResult.InvalidUtf8;
            }
            if (text is null)
            {
                return RecordParseResult.MissingFields;
            }
            // Belt and braces: never hand a string with unpaired surrogates to the UTF-8 tokenizer.
            if (!IsWellFormed(text) || !IsWellFormed(roleText))
            {
                return RecordParseResult.InvalidUtf8;
            }
            if (string.IsNullOrWhiteSpace(text))
            {
                return RecordParseResult.Empty;
            }
            string? timestamp = null;
            if (root.TryGetProperty("timestamp", out var time))
            {
                timestamp = time.ValueKind switch
                {
                    JsonValueKind.String => time.GetString(),
                    JsonValueKind.Number => time.GetRawText(),
                    _ => null,
                };
            }
            record = new ConversationRecord(roleText, text, timestamp);
            return RecordParseResult.Ok;
        }
    }

    private static string? ContentText(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString();
        }
        if (content.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var parts = new List<string>();
        foreach (var block in content.EnumerateArray())
        {
            if (block.ValueKind == JsonValueKind.String)
            {
                parts.Add(block.GetString() ?? "");
            }
            else if (block.ValueKind == JsonValueKind.Object && block.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                parts.Add(text.GetString() ?? "");
            }
        }
        return parts.Count == 0 ? null : string.Join('\n', parts);
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
