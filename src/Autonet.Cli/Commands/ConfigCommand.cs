using System.CommandLine;
using Autonet.Cli.Output;
using Autonet.Node.Config;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet config list|get|set|path`: the home's config.yaml, each key's effective value and where it came from
/// (default, file, or the environment variable that overrides it). `set` validates before it writes.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Read and change the home's config.yaml (consent, chain, key, storage and data settings)");

        var list = new Command("list", "Every key: its value, where the value came from, and what it means");
        list.SetAction((result, _) =>
        {
            var print = Printer.For(result);
            var config = AutonetConfig.Load(GlobalOptions.ResolveHome(result));
            var rows = ConfigKeys.All.Select(k => (Key: k, Value: ConfigKey.Format(config[k]), From: From(config, k))).ToList();
            print.Object(new { file = config.FilePath, keys = rows.Select(r => new { key = r.Key.Name, value = config[r.Key], source = r.From, environment = r.Key.EnvironmentVariable, description = r.Key.Description }) });
            print.Table(["key", "value", "from", "meaning"], rows.Select(r => (IReadOnlyList<string>)[r.Key.Name, r.Value, r.From, r.Key.Description]));
            return Task.FromResult(ExitCodes.Success);
        });

        var getName = new Argument<string>("key") { Description = "A dotted key, e.g. data.train_on_agent_data" };
        var get = new Command("get", "Print one key's effective value") { getName };
        get.SetAction((result, _) =>
        {
            var print = Printer.For(result);
            var config = AutonetConfig.Load(GlobalOptions.ResolveHome(result));
            var key = Key(result.GetValue(getName)!);
            print.Object(new { key = key.Name, value = config[key], source = From(config, key) });
            if (!print.Json)
            {
                Console.Out.WriteLine(ConfigKey.Format(config[key]));
            }
            return Task.FromResult(ExitCodes.Success);
        });

        var setName = new Argument<string>("key") { Description = "A dotted key, e.g. data.train_on_agent_data" };
        var setValue = new Argument<string>("value") { Description = "The value (true/false, a number, text; a list as comma-separated items)" };
        var set = new Command("set", "Set one key in config.yaml, after checking it") { setName, setValue };
        set.SetAction((result, _) =>
        {
            var print = Printer.For(result);
            var home = GlobalOptions.ResolveHome(result);
            var key = Key(result.GetValue(setName)!);
            var config = AutonetConfig.Set(home, key.Name, result.GetValue(setValue)!);
            print.Object(new { key = key.Name, value = config[key], file = config.FilePath, source = From(config, key) });
            print.Text($"{key.Name} = {ConfigKey.Format(config[key])} in {config.FilePath}");
            if (config.SourceOf(key) is (ConfigSource.Environment, var variable))
            {
                print.Text($"note: ${variable} is set and overrides the file");
            }
            return Task.FromResult(ExitCodes.Success);
        });

        var path = new Command("path", "Print the path of the home's config.yaml");
        path.SetAction((result, _) =>
        {
            var print = Printer.For(result);
            var config = AutonetConfig.Load(GlobalOptions.ResolveHome(result));
            print.Object(new { file = config.FilePath, exists = File.Exists(config.FilePath) });
            if (!print.Json)
            {
                Console.Out.WriteLine(config.FilePath);
            }
            return Task.FromResult(ExitCodes.Success);
        });

        command.Subcommands.Add(list);
        command.Subcommands.Add(get);
        command.Subcommands.Add(set);
        command.Subcommands.Add(path);
        return command;
    }

    // An unknown key is a usage error (exit 2), named with the nearest keys.
    private static ConfigKey Key(string name)
    {
        try
        {
            return ConfigKeys.Find(name);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static string From(AutonetConfig config, ConfigKey key) => config.SourceOf(key) switch
    {
        (ConfigSource.Environment, var variable) => "$" + variable,
        (ConfigSource.File, _) => "file",
        _ => "default",
    };
}
