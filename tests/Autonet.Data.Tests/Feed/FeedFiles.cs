using System.Text;
using System.Text.Json;
using Autonet.Data.Text;

namespace Autonet.Data.Tests.Feed;

/// <summary>A temporary agent-data home (conversations/, agents/) and a feed.db beside it; deleted after the test.</summary>
internal sealed class FeedFiles : IDisposable
{
    public FeedFiles()
    {
        Directory.CreateDirectory(Conversations);
        Directory.CreateDirectory(Agents);
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("autonet-feed-").FullName;

    public string Conversations => Path.Combine(Root, "conversations");

    public string Agents => Path.Combine(Root, "agents");

    public string Database => Path.Combine(Root, "feed.db");

    public TextDataConfig Config(bool consent = true, params string[] exclusions) => new()
    {
        TrainOnAgentData = consent,
        ConversationsDirectory = Conversations,
        AgentsDirectory = Agents,
        MaxSeqLength = 64,
        ExclusionPatterns = exclusions,
    };

    public static string Line(string role, string content, string? timestamp = null) =>
        JsonSerializer.Serialize(timestamp is null ? new Dictionary<string, string> { ["role"] = role, ["content"] = content }
            : new Dictionary<string, string> { ["role"] = role, ["content"] = content, ["timestamp"] = timestamp }) + "\n";

    public string Append(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!); // a path under Root always has a folder
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(Encoding.UTF8.GetBytes(text));
        return path;
    }

    /// <summary>Every byte of the database and its WAL and journal files, as the disk holds them now.</summary>
    public byte[] DatabaseBytes() =>
        [.. Directory.EnumerateFiles(Root, "feed.db*").SelectMany(File.ReadAllBytes)];

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Root, recursive: true);
    }
}
