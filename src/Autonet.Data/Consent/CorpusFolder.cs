// Which text folders a command may read. The user's own agent data (data.conversations_directory, data.agents_directory
// and any folder named on the command line that is not a public corpus) is read only with data.train_on_agent_data;
// naming a folder is not consent. A public corpus (Debian's package descriptions from scripts/make-text-corpus.py, a
// test's synthetic conversations) is told apart by a marker file, autonet-corpus.json, in the folder itself, and only
// outside the user's configured data folders: a marker inside them does not lift the consent rule.
using System.Text.Json;
using Autonet.Data.Text;

namespace Autonet.Data.Consent;

/// <summary>Resolves a command's text source to a <see cref="TextDataConfig"/> that may be read, or refuses it.</summary>
public static class CorpusFolder
{
    /// <summary>The marker a public corpus folder holds (JSON: source, note).</summary>
    public const string MarkerFile = "autonet-corpus.json";

    /// <summary>What the user runs to opt in.</summary>
    public const string OptIn = "autonet config set data.train_on_agent_data true";

    /// <summary>Marks <paramref name="folder"/> as a public corpus (not anyone's agent data), naming where its text came from.</summary>
    public static void Mark(string folder, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Directory.CreateDirectory(folder);
        var json = JsonSerializer.Serialize(new Dictionary<string, string> { ["source"] = source, ["note"] = "a public corpus, not a user's agent data" });
        File.WriteAllText(Path.Combine(folder, MarkerFile), json + "\n");
    }

    /// <summary>Whether <paramref name="folder"/> holds the public-corpus marker and lies outside the user's data folders.</summary>
    public static bool IsPublic(string folder, TextDataConfig user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var full = Path.GetFullPath(folder);
        return UserFolder(full, user) is null && File.Exists(Path.Combine(full, MarkerFile));
    }

    /// <summary>The user's configured folders (conversations and agents' execution records), when they consented.</summary>
    /// <exception cref="ConsentRequiredException">data.train_on_agent_data is false</exception>
    public static TextDataConfig UserData(TextDataConfig user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.TrainOnAgentData)
        {
            throw new ConsentRequiredException(
                $"data.train_on_agent_data is false, so none of your agent data ('{user.ConversationsDirectory}', '{user.AgentsDirectory}/*/execution.jsonl') was read; " +
                $"opt in with `{OptIn}`, or name a public corpus with --text-dir");
        }
        return user with { PublicCorpus = false };
    }

    /// <summary>A folder named on the command line (<paramref name="flag"/>): a public corpus, or the user's data with consent.</summary>
    /// <exception cref="ConsentRequiredException">the folder counts as the user's data and data.train_on_agent_data is false</exception>
    public static TextDataConfig Named(string folder, TextDataConfig user, string flag = "--text-dir")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(user);
        var full = Path.GetFullPath(folder);
        var only = user with { ConversationsDirectory = full, AgentsDirectory = "" };
        var inside = UserFolder(full, user);
        if (inside is null && File.Exists(Path.Combine(full, MarkerFile)))
        {
            return only with { PublicCorpus = true };
        }
        if (user.TrainOnAgentData)
        {
            return only with { PublicCorpus = false };
        }
        var why = inside is not null
            ? $"overlaps your agent data folder '{inside}'"
            : $"is not a public corpus (it holds no {MarkerFile}), so it counts as your own agent data,";
        throw new ConsentRequiredException(
            $"{flag} '{folder}' {why} and data.train_on_agent_data is false: nothing was read; opt in with `{OptIn}` " +
            "(scripts/make-text-corpus.py marks the public corpora it writes)");
    }

    // The configured data folder that `full` lies in or contains, if any.
    private static string? UserFolder(string full, TextDataConfig user)
    {
        foreach (var configured in new[] { user.ConversationsDirectory, user.AgentsDirectory })
        {
            if (string.IsNullOrWhiteSpace(configured))
            {
                continue;
            }
            var root = Path.GetFullPath(TextDataConfig.ExpandHome(configured));
            if (Within(full, root) || Within(root, full))
            {
                return root;
            }
        }
        return null;
    }

    private static bool Within(string path, string root)
    {
        var a = Path.TrimEndingDirectorySeparator(path);
        var b = Path.TrimEndingDirectorySeparator(root);
        return a == b || a.StartsWith(b + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
