using System.CommandLine;
using System.CommandLine.Invocation;
using Autonet.Cli;
using Autonet.Cli.Commands;
using Autonet.Cli.Output;

// The `autonet` command: parse, call, print. Logic lives in the libraries; this file only wires commands and turns
// what escapes them into one line and an exit code (ExitCodes: 0, 1 failure, 2 usage, 130 cancelled).
var root = new RootCommand("Autonet: a decentralized network that trains self-supervised (JEPA) models on its users' own data");
root.Options.Add(GlobalOptions.Home);
root.Options.Add(GlobalOptions.Json);
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
root.Subcommands.Add(WalletCommands.Stake());
root.Subcommands.Add(WalletCommands.Unstake());
root.Subcommands.Add(WalletCommands.Balance());
root.Subcommands.Add(WalletCommands.Transfer());
root.Subcommands.Add(WalletCommands.Faucet());
root.Subcommands.Add(KeyCommand.Create());
root.Subcommands.Add(ProjectCommand.Create());
root.Subcommands.Add(ProviderCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(MarketCommand.Create());
root.Subcommands.Add(DecoderCommand.Create());
root.Subcommands.Add(EmbedCommand.Create());
root.Subcommands.Add(ConfigCommand.Create());
root.Subcommands.Add(DataCommand.Create());
HelpWithExitCodes.Install(root);

var parsed = root.Parse(args);
if (parsed.Action is ParseErrorAction)
{
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync($"autonet: {error.Message}").ConfigureAwait(false);
    }
    await Console.Error.WriteLineAsync($"(see `{CommandPath(parsed.CommandResult)} --help`)").ConfigureAwait(false);
    return ExitCodes.Usage;
}

try
{
    // After Ctrl-C a command gets 30 s to wind down before System.CommandLine ends the process (its default, 2 s, cut
    // `network run --hosts` short on a loaded machine: daemons, anvil and namespaces were left behind).
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) }).ConfigureAwait(false);
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("autonet: cancelled").ConfigureAwait(false);
    return ExitCodes.Cancelled;
}
catch (UsageException e)
{
    await Console.Error.WriteLineAsync($"autonet: {e.Message}").ConfigureAwait(false);
    return ExitCodes.Usage;
}
catch (Autonet.Data.Consent.ConsentRequiredException e) // not a crash: the user has not opted in; the message says how
{
    await Console.Error.WriteLineAsync($"autonet: {e.Message}").ConfigureAwait(false);
    return ExitCodes.Failure;
}
catch (ArgumentException e) when (LibraryErrors.TryAsUsage(e, parsed.CommandResult.Command, out var message))
{
    await Console.Error.WriteLineAsync($"autonet: {message}").ConfigureAwait(false);
    return ExitCodes.Usage;
}
catch (Exception e) // process edge: one line and a hint; the stack trace only with --verbose
{
    await Console.Error.WriteLineAsync($"autonet: {LibraryErrors.Plain(e)}").ConfigureAwait(false);
    if (parsed.GetValue(GlobalOptions.Verbose))
    {
        await Console.Error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
    }
    else
    {
        await Console.Error.WriteLineAsync("(run again with --verbose for details)").ConfigureAwait(false);
    }

    return ExitCodes.Failure;
}

// "autonet model fetch": the words that named the command, for the hint after a usage error.
static string CommandPath(System.CommandLine.Parsing.CommandResult command)
{
    var names = new List<string>();
    for (var c = command; c is not null; c = c.Parent as System.CommandLine.Parsing.CommandResult)
    {
        names.Insert(0, c.Parent is null ? "autonet" : c.Command.Name);
    }
    return string.Join(' ', names);
}
