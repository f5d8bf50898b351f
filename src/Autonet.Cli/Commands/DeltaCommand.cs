using System.CommandLine;
using Autonet.Training.Deltas;
using Autonet.Training.Jepa;
using Spectre.Console;

namespace Autonet.Cli.Commands;

/// <summary>`autonet delta`: writes new - base as a safetensors weight delta (what a solver publishes).</summary>
internal static class DeltaCommand
{
    public static Command Create()
    {
        var baseModel = new Option<FileInfo>("--base") { Description = "The base model the delta starts from", Required = true };
        var updated = new Option<FileInfo>("--new") { Description = "The trained model", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Delta file to write", Required = true };
        var command = new Command("delta", "Write the weight delta new - base (safetensors, same names and shapes; base + delta gives new to within float32 rounding)");
        command.Options.Add(baseModel);
        command.Options.Add(updated);
        command.Options.Add(output);
        command.SetAction((result, cancellationToken) =>
        {
            var path = result.GetValue(output)!.FullName; // required option
            WeightDelta.Save(path, JepaCheckpoint.LoadModel(result.GetValue(baseModel)!.FullName), JepaCheckpoint.LoadModel(result.GetValue(updated)!.FullName));
            AnsiConsole.MarkupLine(Markup.Escape($"wrote {path} ({new FileInfo(path).Length} bytes)"));
            return Task.FromResult(0);
        });
        return command;
    }
}
