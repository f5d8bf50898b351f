// The Cli's logger: Microsoft.Extensions.Logging's console provider, one line per message, all of it on standard
// error, so standard output stays what the command prints (a table, a report path, or a node program's event lines).
// With json (config.yaml log.format: json, or $AUTONET_LOG_FORMAT), each message is one JSON object per line with its
// structured fields ({Node}, {TaskId}, …) under "State", for a log shipper.
using Microsoft.Extensions.Logging;

namespace Autonet.Cli;

/// <summary>Creates the logger factory a command logs through.</summary>
internal static class ConsoleLogs
{
    /// <summary>Information and above on standard error; with <paramref name="verbose"/>, debug too.</summary>
    public static ILoggerFactory Create(bool verbose, bool json = false) => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information);
        if (json)
        {
            builder.AddJsonConsole(o => o.IncludeScopes = false);
        }
        else
        {
            builder.AddSimpleConsole(o => o.SingleLine = true);
        }
        builder.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    });
}
