namespace Autonet.Data.Text;

/// <summary>One JSONL line of agent data: who spoke, what was said, and when (as written; may be absent).</summary>
public sealed record ConversationRecord(string Role, string Content, string? Timestamp);
