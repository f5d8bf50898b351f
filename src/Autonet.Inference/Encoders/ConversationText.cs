// How a conversation becomes the token ids an encoder reads: BOS, then "role: content\n" per message, the same
// rendering Autonet.Data's TextTrainingDataSource gives a JSONL file, so the served encoder sees text shaped as it was
// trained on. A context for the next turn ends with "assistant: " so the K positions after it stand for the reply.
using System.Text;
using Autonet.Data.Text;

namespace Autonet.Inference.Encoders;

/// <summary>One message of a conversation (role and text).</summary>
public sealed record ChatMessage(string Role, string Content);

/// <summary>Renders conversations to byte-token ids.</summary>
public static class ConversationText
{
    /// <summary>The prompt of the reply that follows a context.</summary>
    public const string ReplyPrefix = "assistant: ";

    /// <summary>BOS + "role: content\n"… + "assistant: ": the context whose K-vectors plan the next reply.</summary>
    public static int[] ContextIds(IReadOnlyList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var text = new StringBuilder();
        foreach (var m in messages)
        {
            text.Append(m.Role).Append(": ").Append(m.Content).Append('\n');
        }
        text.Append(ReplyPrefix);
        var ids = ByteTokenizer.Encode(text.ToString());
        var withBos = new int[ids.Length + 1];
        withBos[0] = ByteTokenizer.Bos;
        ids.CopyTo(withBos, 1);
        return withBos;
    }
}
