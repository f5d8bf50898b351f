using System.CommandLine;
using Autonet.Cli.Output;
using Autonet.Training.Deltas;
using Autonet.Training.Jepa;

namespace Autonet.Cli.Commands;

/// <summary>`autonet delta`: writes new - base as a safetensors weight delta (what a solver publishes).</summary>
internal static class DeltaCommand
{
    public static Command Create()
    {
        var baseModel = new Option<FileInfo>("--base") { Description = "The base model the delta starts from", Required = true }.ExistingFile();
        var updated = new Option<FileInfo>("--new") { Description = "The trained model", Required = true }.ExistingFile();
        var output = new Option<FileInfo>("--out") { Description = "Delta file to write", Required = true }.WritableFile();
        var command = new Command("delta", "Write the weight delta new - base (safetensors, same names and shapes; base + delta gives new to within float32 rounding)");
        command.Options.Add(baseModel);
        command.Options.Add(updated);
        command.Options.Add(output);
        command.SetAction((result, cancellationToken) =>
        {
            var print = Printer.For(result);
            var path = result.GetValue(output)!.FullName; // required option
            WeightDelta.Save(path, JepaCheckpoint.LoadModel(result.GetValue(baseModel)!.FullName), JepaCheckpoint.LoadModel(result.GetValue(updated)!.FullName));
            var bytes = new FileInfo(path).Length;
            print.Object(new { path, bytes });
            print.Text($"wrote {path} ({bytes} bytes)");
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }
}
