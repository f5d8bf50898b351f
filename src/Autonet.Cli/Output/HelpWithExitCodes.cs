using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Autonet.Cli.Output;

/// <summary>--help as System.CommandLine writes it, followed by the exit codes and output conventions (<see cref="ExitCodes.Help"/>).</summary>
internal sealed class HelpWithExitCodes(HelpAction help) : SynchronousCommandLineAction
{
    /// <inheritdoc/>
    public override bool ClearsParseErrors => true; // `autonet train --help` helps even without the required --out

    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        var code = help.Invoke(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(ExitCodes.Help);
        return code;
    }

    /// <summary>Puts this action on <paramref name="root"/>'s --help.</summary>
    public static void Install(RootCommand root)
    {
        if (root.Options.OfType<HelpOption>().FirstOrDefault() is { Action: HelpAction help } option)
        {
            option.Action = new HelpWithExitCodes(help);
        }
    }
}
