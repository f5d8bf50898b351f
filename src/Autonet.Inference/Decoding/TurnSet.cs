// The node's own conversations as decoder examples: every assistant message of every JSONL file (Autonet.Data's
// pipeline: exclusions and the privacy scrubber applied; consent checked by Data's CorpusFolder) becomes a turn whose plan is
// the K-vectors of all messages before it (Encoding/ConversationText + KVectorEncoder) and whose reply is
// BOS + its bytes + EOS. Files are read in ordinal path order, so the same folder gives the same turns.
using Autonet.Data.Text;
using Autonet.Inference.Encoders;
using Autonet.Tensors.Memory;

namespace Autonet.Inference.Decoding;

/// <summary>Loads turns from a folder of conversation JSONL files.</summary>
public static class TurnSet
{
    /// <summary>Longest reply kept, in bytes; longer ones are cut (their EOS dropped), as a window cuts a document.</summary>
    public const int MaxReplyBytes = 512;

    /// <summary>Turns of the source's kept records (exclusions applied, secrets scrubbed); the source's consent was checked by CorpusFolder.</summary>
    /// <exception cref="ArgumentException">The folder does not exist or holds no assistant turn.</exception>
    public static List<Turn> Load(TextDataConfig source, KVectorEncoder encoder, int maxTurns)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(encoder);
        var directory = source.ConversationsDirectory;
        if (!Directory.Exists(TextDataConfig.ExpandHome(directory)))
        {
            Errors.Argument(nameof(source), $"conversation folder '{directory}' does not exist");
        }
        var turns = new List<Turn>();
        var arena = new ActivationArena();
        foreach (var (_, records) in new TextTrainingDataSource(source).ReadRecords())
        {
            var messages = new List<ChatMessage>();
            foreach (var record in records)
            {
                if (turns.Count >= maxTurns)
                {
                    return turns;
                }
                if (record.Role == "assistant" && messages.Count > 0)
                {
                    var plan = encoder.Encode(ConversationText.ContextIds(messages), arena);
                    turns.Add(new Turn(plan, ReplyIds(record.Content)));
                }
                messages.Add(new ChatMessage(record.Role, record.Content));
            }
        }
        if (turns.Count == 0)
        {
            Errors.Argument(nameof(source), $"'{directory}' holds no assistant message after another message (*.jsonl lines of {{role, content}})");
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
