// The node's own conversations as decoder examples: every assistant message of every JSONL file (Autonet.Data's
// parser, privacy scrubber applied; naming the folder is the consent, as for training) becomes a turn whose plan is
// the K-vectors of all messages before it (Encoding/ConversationText + KVectorEncoder) and whose reply is
// BOS + its bytes + EOS. Files are read in ordinal path order, so the same folder gives the same turns.
using Autonet.Data.Privacy;
using Autonet.Data.Text;
using Autonet.Inference.Encoders;
using Autonet.Tensors.Memory;

namespace Autonet.Inference.Decoding;

/// <summary>Loads turns from a folder of conversation JSONL files.</summary>
public static class TurnSet
{
    /// <summary>Longest reply kept, in bytes; longer ones are cut (their EOS dropped), as a window cuts a document.</summary>
    public const int MaxReplyBytes = 512;

    /// <exception cref="ArgumentException">The folder does not exist or holds no assistant turn.</exception>
    public static List<Turn> Load(string directory, KVectorEncoder encoder, int maxTurns)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        if (!Directory.Exists(directory))
        {
            Errors.Argument(nameof(directory), $"conversation folder '{directory}' does not exist");
        }
        var turns = new List<Turn>();
        var arena = new ActivationArena();
        foreach (var file in Directory.EnumerateFiles(directory, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var messages = new List<ChatMessage>();
            foreach (var line in File.ReadLines(file))
            {
                if (turns.Count >= maxTurns)
                {
                    return turns;
                }
                if (ConversationRecordParser.TryParse(System.Text.Encoding.UTF8.GetBytes(line), out var record) != RecordParseResult.Ok || record is null)
                {
                    continue;
                }
                var content = PrivacyScrubber.Scrub(record.Content);
                if (record.Role == "assistant" && messages.Count > 0)
                {
                    var plan = encoder.Encode(ConversationText.ContextIds(messages), arena);
                    turns.Add(new Turn(plan, ReplyIds(content)));
                }
                messages.Add(new ChatMessage(record.Role, content));
            }
        }
        if (turns.Count == 0)
        {
            Errors.Argument(nameof(directory), $"'{directory}' holds no assistant message after another message (*.jsonl lines of {{role, content}})");
        }
        return turns;
    }

    /// <summary>BOS + UTF-8 bytes (at most <see cref="MaxReplyBytes"/>) + EOS when not cut.</summary>
    public static int[] ReplyIds(string content)
    {
        var ids = ByteTokenizer.Encode(content, addBosEos: true);
        return ids.Length <= MaxReplyBytes + 2 ? ids : ids[..(MaxReplyBytes + 1)];
    }
}
