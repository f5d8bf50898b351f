using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Autonet.Inference.Encoders;
using Autonet.Inference.Serving;
using Autonet.Models.Jepa;
using Autonet.Node.Adapters;
using Autonet.Storage.Blobs;
using Autonet.Tensors;
using Autonet.Tensors.IO;
using Autonet.Tensors.Memory;
using Spectre.Console;

namespace Autonet.Cli.Commands;

/// <summary>`autonet embed`: batch embeddings of a text file (one input per line) or a folder of PNG/JPEG images into one safetensors file.</summary>
internal static class EmbedCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<FileInfo?>("--checkpoint") { Description = "The model file" };
        var project = new Option<ulong?>("--project") { Description = "Use the latest model this project published (fetched from --gateway, verified against the chain)" };
        var gateway = UriOption.Create("--gateway", "Storage provider for --project [default: http://127.0.0.1:5080]");
        var text = new Option<FileInfo?>("--text") { Description = "A UTF-8 text file: one input per line (needs a text model)" };
        var images = new Option<DirectoryInfo?>("--images") { Description = "A folder of *.png / *.jpg / *.jpeg (needs an image model)" };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to write the embeddings (safetensors: 'embeddings' (N, D) and the inputs' names)", Required = true };
        var batch = new Option<int>("--batch-size") { Description = "Inputs per forward pass", DefaultValueFactory = _ => 64 };
        var threads = ThreadsOption.Create();
        var command = new Command("embed", "Embed a text file or an image folder with a model, into safetensors") { checkpoint, project, gateway, ChainCommands.Rpc, text, images, output, batch, threads };
        command.SetAction(async (result, cancellationToken) =>
        {
            ThreadsOption.Apply(result, threads);
            var model = await LoadAsync(result, checkpoint, project, gateway, cancellationToken).ConfigureAwait(false);
            var (names, inputs) = ReadInputs(result.GetValue(text), result.GetValue(images), model.Modality);
            var size = result.GetValue(batch);
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size, "--batch-size");
            var width = model.Model.Config.Width;
            var all = new float[inputs.Count * width]; // (N, D)
            var arena = new ActivationArena();
            var clock = Stopwatch.StartNew();
            for (var start = 0; start < inputs.Count; start += size)
            {
                var chunk = inputs.Skip(start).Take(size).ToList();
                var (vectors, _) = Embedder.Embed(model, chunk, arena);
                for (var i = 0; i < vectors.Length; i++)
                {
                    vectors[i].CopyTo(all, (start + i) * width);
                }
            }
            var path = result.GetValue(output)!.FullName; // required option
            using (var stream = File.Create(path))
            {
                var metadata = new Dictionary<string, string> { ["autonet.model"] = model.Source, ["autonet.inputs"] = JsonSerializer.Serialize(names) };
                Safetensors.Write(stream, [new KeyValuePair<string, Tensor>("embeddings", new Tensor(all, 0, inputs.Count, width))], metadata);
            }
            AnsiConsole.MarkupLine(Markup.Escape($"{inputs.Count} embeddings of width {width} in {clock.Elapsed.TotalSeconds:F2} s ({inputs.Count / clock.Elapsed.TotalSeconds:F1}/s) -> {path}"));
            return 0;
        });
        return command;
    }

    private static async Task<ServedModel> LoadAsync(ParseResult result, Option<FileInfo?> checkpoint, Option<ulong?> project, Option<Uri?> gateway, CancellationToken cancellationToken)
    {
        if (result.GetValue(checkpoint) is { } file)
        {
            return ModelLoader.FromFile(file.FullName);
        }
        var projectId = result.GetValue(project) ?? throw new ArgumentException("give --checkpoint FILE or --project N");
        var (client, system) = await ChainCommands.AttachAsync(GlobalOptions.ResolveHome(result), result.GetValue(ChainCommands.Rpc), cancellationToken).ConfigureAwait(false);
        using (client)
        {
            using var http = new HttpClient();
            var published = await PublishedModelReader.FetchLatestAsync(system, projectId, new HttpBlobStore(http, result.GetValue(gateway) ?? new Uri("http://127.0.0.1:5080/")), cancellationToken).ConfigureAwait(false);
            return ModelLoader.FromBytes(published.Bytes, $"project-{projectId}", $"project:{projectId} round:{published.Round} root:{published.MerkleRoot}");
        }
    }

    private static (List<string> Names, List<string> Inputs) ReadInputs(FileInfo? text, DirectoryInfo? images, Modality modality)
    {
        if ((text is null) == (images is null))
        {
            throw new ArgumentException("give exactly one of --text FILE and --images DIR");
        }
        if (text is not null)
        {
            if (modality != Modality.Text)
            {
                throw new ArgumentException("--text needs a text model; this one is an image model");
            }
            var lines = File.ReadAllLines(text.FullName).Where(l => l.Length > 0).ToList();
            return ([.. lines.Select((_, i) => $"{text.Name}:{i + 1}")], lines);
        }
        if (modality != Modality.Image)
        {
            throw new ArgumentException("--images needs an image model; this one is a text model");
        }
        var files = images!.EnumerateFiles().Where(f => f.Extension.ToLowerInvariant() is ".png" or ".jpg" or ".jpeg").OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new ArgumentException($"--images {images.FullName}: no *.png, *.jpg or *.jpeg files");
        }
        return ([.. files.Select(f => f.Name)], [.. files.Select(f => Convert.ToBase64String(File.ReadAllBytes(f.FullName)))]);
    }
}
