using System.CommandLine;
using System.Globalization;
using Autonet.Cli.Output;
using Autonet.Tensors;
using Autonet.Tensors.Blas;
using Autonet.Training.Deltas;
using Autonet.Training.Jepa;

namespace Autonet.Cli.Commands;

/// <summary>`autonet verify`: the deterministic verification score (prediction-target cosine) of a model, or of base vs base + delta.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<FileInfo>("--checkpoint") { Description = "Base model (model.safetensors or checkpoint.safetensors)", Required = true }.ExistingFile();
        var delta = new Option<FileInfo>("--delta") { Description = "A weight delta to score as base + delta" }.ExistingFile();
        var samples = new Option<int>("--samples") { Description = "Validation samples", DefaultValueFactory = _ => 512 }.AtLeast(1);
        var seed = new Option<int>("--seed") { Description = "Mask seed of the validation set", DefaultValueFactory = _ => JepaVerifier.DefaultSeed };
        var imageDir = new Option<string?>("--image-dir") { Description = "Fashion-MNIST IDX folder (image models) [default: Debian's]" }.ExistingFolder();
        var textDir = new Option<string?>("--text-dir") { Description = "A public corpus of conversation *.jsonl (text models; every 10th window is the validation set) [default: your agent data, with consent]" }.ExistingFolder();
        var command = new Command("verify", "Score a model (or base + delta) by cosine(prediction, target) on a validation set, deterministically (one thread)");
        foreach (var o in new Option[] { checkpoint, delta, samples, seed, imageDir, textDir })
        {
            command.Options.Add(o);
        }
        command.SetAction((result, cancellationToken) =>
        {
            var print = Printer.For(result);
            Parallelism.Degree = 1; // deterministic: coordinators must agree on the bytes of the score
            Gemm.NativeThreads = 1;
            var model = JepaCheckpoint.LoadModel(result.GetValue(checkpoint)!.FullName);
            var (_, validation, description) = DataSources.Create(model.Config, result.GetValue(imageDir), model.Config.Modality == Autonet.Models.Jepa.Modality.Text ? TextSource.Resolve(result, result.GetValue(textDir)) : null, null, Console.Error); // its warnings are diagnostics, not output
            var (n, s) = (result.GetValue(samples), result.GetValue(seed));
            var (cosine, loss) = JepaVerifier.Score(model, validation, n, seed: s);
            print.Text(string.Create(CultureInfo.InvariantCulture, $"{description}\nbase: cosine {cosine:F6} (bits {Bits(cosine)}), loss {loss:F6}"));
            object? withDelta = null;
            if (result.GetValue(delta) is { } file)
            {
                WeightDelta.Apply(model, file.FullName);
                var (c2, l2) = JepaVerifier.Score(model, validation, n, seed: s);
                print.Text(string.Create(CultureInfo.InvariantCulture, $"base + delta: cosine {c2:F6} (bits {Bits(c2)}), loss {l2:F6}; improvement {c2 - cosine:+0.000000;-0.000000}"));
                withDelta = new { cosine = c2, cosineBits = Bits(c2), loss = l2, improvement = c2 - cosine };
            }
            print.Object(new { data = description, samples = n, seed = s, @base = new { cosine, cosineBits = Bits(cosine), loss }, withDelta });
            return Task.FromResult(ExitCodes.Success);
        });
        return command;
    }

    // The score's exact bits: two coordinators agree when these are equal.
    private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("X16", CultureInfo.InvariantCulture);
}
