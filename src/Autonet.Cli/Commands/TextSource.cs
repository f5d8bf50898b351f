using System.CommandLine;
using Autonet.Data.Consent;
using Autonet.Data.Text;
using Autonet.Node.Config;

namespace Autonet.Cli.Commands;

/// <summary>
/// Where a text command reads from: a folder named by its flag (a public corpus, or the user's data with consent),
/// else the user's configured agent data (data.conversations_directory, data.agents_directory) with consent. The
/// rule is Autonet.Data's CorpusFolder; this only reads config.yaml and the flag.
/// </summary>
internal static class TextSource
{
    /// <exception cref="ConsentRequiredException">the source is the user's data and data.train_on_agent_data is false</exception>
    public static TextDataConfig Resolve(ParseResult result, string? folder, string flag = "--text-dir")
    {
        var user = AutonetConfig.Load(GlobalOptions.ResolveHome(result)).TextData();
        return folder is null ? CorpusFolder.UserData(user) : CorpusFolder.Named(folder, user, flag);
    }
}
