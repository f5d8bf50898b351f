using System.CommandLine;
using Autonet.Cli;
using Autonet.Cli.Commands;

// The `autonet` command: parse, call, print. Logic lives in the libraries; this file only wires commands.
var root = new RootCommand("Autonet: a decentralized network that trains self-supervised (JEPA) models on its users' own data");
root.Options.Add(GlobalOptions.Home);
root.Options.Add(GlobalOptions.Verbose);
root.Subcommands.Add(DoctorCommand.Create());
root.Subcommands.Add(GatewayCommand.Create());
root.Subcommands.Add(ModelCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(VerifyCommand.Create());
root.Subcommands.Add(DeltaCommand.Create());
root.Subcommands.Add(new Command("network", "Run a whole network") { NetworkRunCommand.Create() });
root.Subcommands.Add(NodeCommand.Create());
root.Subcommands.Add(ChainCommands.Up());
root.Subcommands.Add(ChainCommands.Stake());
root.Subcommands.Add(ChainCommands.Balance());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(DecoderCommand.Create());
root.Subcommands.Add(EmbedCommand.Create());

var parsed = root.Parse(args);
try
{
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("autonet: cancelled").ConfigureAwait(false);
    return 130;
}
catch (Exception e) // process edge: one line and a hint; the stack trace only with --verbose
{
    await Console.Error.WriteLineAsync($"autonet: {e.Message}").ConfigureAwait(false);
    if (parsed.GetValue(GlobalOptions.Verbose))
    {
        await Console.Error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
    }
    else
    {
        await Console.Error.WriteLineAsync("(run again with --verbose for details)").ConfigureAwait(false);
    }

    return 1;
}
