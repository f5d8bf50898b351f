// The libraries check their options under their config names (Training's and Models' Errors.Option: "option
// 'batch_size' = '0' is invalid: must be at least 1", with the name as ParamName). At the process edge the CLI says
// the same with the flag the user typed ("--batch-size 0: must be at least 1") when the command has that flag. The
// message's shape is made in one place (each library's Errors.Option) in this same process; nothing crosses a wire.
using System.CommandLine;

namespace Autonet.Cli.Output;

/// <summary>Turns a library's option error into a usage error that names the flag.</summary>
internal static class LibraryErrors
{
    /// <summary>The message with the flag, when <paramref name="e"/> is an option error about a flag of <paramref name="command"/>.</summary>
    public static bool TryAsUsage(ArgumentException e, Command command, out string message)
    {
        message = "";
        if (e.ParamName is not { } name)
        {
            return false;
        }
        var flag = "--" + name.Replace('_', '-');
        var prefix = $"option '{name}' = '";
        const string Infix = "' is invalid: ";
        var text = Plain(e);
        var split = text.IndexOf(Infix, StringComparison.Ordinal);
        if (!text.StartsWith(prefix, StringComparison.Ordinal) || split < prefix.Length || !command.Options.Any(o => o.Name == flag))
        {
            return false;
        }
        var value = text[prefix.Length..split];
        message = $"{flag}{(value.Length == 0 ? "" : $" {value}")}: {text[(split + Infix.Length)..]}";
        return true;
    }

    /// <summary>The message without .NET's " (Parameter 'name')" suffix.</summary>
    public static string Plain(Exception e) =>
        e is ArgumentException { ParamName: { } p } ? e.Message.Replace($" (Parameter '{p}')", "", StringComparison.Ordinal) : e.Message;
}
