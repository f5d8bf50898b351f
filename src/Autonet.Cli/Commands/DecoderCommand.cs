using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Autonet.Inference.Decoding;
using Autonet.Inference.Encoders;
using Autonet.Inference.Serving;
using Autonet.Tensors;
using Autonet.Tensors.Blas;
using Spectre.Console;

namespace Autonet.Cli.Commands;

/// <summary>
/// `autonet decoder train` and `autonet decoder eval`: the local FiLM decoder (Autonet.Inference.Decoding), trained on
/// the node's own conversations with the K-vectors of a text JEPA, scored in bits per byte with and without them.
/// </summary>
internal static class DecoderCommand
{
    private static readonly Option<FileInfo> Model = new("--model") { Description = "The text JEPA whose K-vectors plan the replies (the provider's model file)", Required = true };
    private static readonly Option<DirectoryInfo?> Conversations = new("--conversations") { Description = "A public corpus of conversation *.jsonl (holds autonet-corpus.json; any other folder needs data.train_on_agent_data) [default: your agent data, with consent]" };
    private static readonly Option<int> MaxTurns = new("--max-turns") { Description = "Use at most this many assistant turns", DefaultValueFactory = _ => 20_000 };
    private static readonly Option<int> Threads = new("--threads") { Description = "Threads", DefaultValueFactory = _ => Environment.ProcessorCount };

    public static Command Create() => new("decoder", "Train and score the local K-vector-conditioned decoder") { Train(), Eval() };

    private static Command Train()
    {
        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to write the decoder", Required = true };
        var steps = new Option<int>("--steps") { Description = "Training steps", DefaultValueFactory = _ => 3000 };
        var batch = new Option<int>("--batch-size") { Description = "Positions per step", DefaultValueFactory = _ => 128 };
        var lr = new Option<float>("--lr") { Description = "Peak learning rate", DefaultValueFactory = _ => 2e-3f };
        var seed = new Option<int>("--seed") { Description = "Seed of init and draws", DefaultValueFactory = _ => 1 };
        var heads = new Option<int>("--attention-heads") { Description = "Cross-attention heads from the decoder's state to the K K-vectors, beside FiLM (0: FiLM only)", DefaultValueFactory = _ => 4 };
        var aligned = new Option<int>("--aligned-slots") { Description = "K-vectors read at each reply byte's own plan slot (byte j reads K-vectors j..j+S-1, at most K), beside FiLM and cross-attention (0: off)", DefaultValueFactory = _ => 2 };
        aligned.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError($"--aligned-slots {r.GetValueOrDefault<int>()}: must be 0 (off) or more, at most the model's K"); });
        var dropout = new Option<double>("--kvector-dropout") { Description = "Share of training positions, in [0, 1), whose K-vectors are zeroed, so the same decoder also writes without them", DefaultValueFactory = _ => 0 };
        dropout.Validators.Add(r => { if (r.GetValueOrDefault<double>() is not (>= 0 and < 1)) r.AddError(string.Create(CultureInfo.InvariantCulture, $"--kvector-dropout {r.GetValueOrDefault<double>()}: must be in [0, 1), the share of positions trained with the K-vectors zeroed")); });
        var gain = new Option<float>("--plan-gain") { Description = "Initial gain of the layer norms the K-vectors enter through, in (0, 10]; below 1 the plan path starts small and learns its scale", DefaultValueFactory = _ => 0.03f };
        gain.Validators.Add(r => { if (r.GetValueOrDefault<float>() is not (> 0 and <= 10)) r.AddError(string.Create(CultureInfo.InvariantCulture, $"--plan-gain {r.GetValueOrDefault<float>()}: must be in (0, 10]")); });
        var zero = new Option<bool>("--zero-kvectors") { Description = "Ablation: train with every plan zeroed (the decoder never sees K-vectors)" };
        var command = new Command("train", "Train a FiLM decoder on this node's conversations, conditioned on --model's K-vectors") { Model, Conversations, output, steps, batch, lr, seed, zero, heads, aligned, dropout, gain, MaxTurns, Threads };
        command.SetAction((result, cancellationToken) =>
        {
            SetThreads(result);
            var (served, turns) = LoadTurns(result);
            var shape = served.KVectors;
            var config = new DecoderConfig { K = shape.K, D = shape.D, PlanContext = new KVectorEncoder(served.Model).ContextTokens, AttentionHeads = result.GetValue(heads), AlignedSlots = result.GetValue(aligned), PlanGain = result.GetValue(gain) };
            var decoder = new FilmDecoder(config, result.GetValue(seed));
            var options = new DecoderTrainingOptions { Steps = result.GetValue(steps), BatchSize = result.GetValue(batch), LearningRate = result.GetValue(lr), Seed = result.GetValue(seed), ZeroPlan = result.GetValue(zero), PlanDropout = result.GetValue(dropout) };
            var trainer = new DecoderTrainer(decoder, turns, options);
            AnsiConsole.MarkupLine(Markup.Escape($"{turns.Count} turns; decoder {config.ToJson()}, {decoder.Parameters.Count} parameters; {(options.ZeroPlan ? "plans zeroed (ablation)" : "conditioned on K-vectors")}"));
            var clock = Stopwatch.StartNew();
            double recent = 0;
            while (!trainer.Done)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var loss = trainer.TrainStep();
                recent = trainer.Step == 1 ? loss : (0.98 * recent) + (0.02 * loss);
                if (trainer.Step % 250 == 0 || trainer.Done)
                {
                    AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"step {trainer.Step}/{options.Steps}: loss {recent:F3} nats ({recent / Math.Log(2):F3} bits/token), {clock.Elapsed.TotalSeconds:F0} s"));
                }
            }
            var path = result.GetValue(output)!.FullName; // required option
            DecoderFile.Save(path, decoder, served.Cid!.Value.ToString()); // ModelLoader sets the CID
            AnsiConsole.MarkupLine($"[green]done[/]: {Markup.Escape(path)} (plan model {served.Cid})");
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command Eval()
    {
        var decoderFile = new Option<FileInfo>("--decoder") { Description = "The decoder to score", Required = true };
        var ablation = new Option<FileInfo?>("--ablation") { Description = "A decoder trained with --zero-kvectors, scored beside it" };
        var command = new Command("eval", "Bits per byte of the next turn on held-out conversations: with the K-vectors, with them zeroed, and the ablation decoder") { decoderFile, ablation, Model, Conversations, MaxTurns, Threads };
        command.SetAction((result, cancellationToken) =>
        {
            SetThreads(result);
            var (served, turns) = LoadTurns(result);
            var (decoder, planModel) = DecoderFile.Load(result.GetValue(decoderFile)!.FullName); // required option
            if (planModel != served.Cid?.ToString())
            {
                throw new ArgumentException($"--decoder was trained on plan model {planModel}, --model is {served.Cid}");
            }
            var k = decoder.Config.K;
            var table = new Table().Border(TableBorder.Rounded).AddColumns("decoder", "plan", "bits per byte", $"reply tokens 1..{k}", $"after {k}");
            void Row(string name, string plan, ReplyBits bits) => table.AddRow(name, plan, F(bits.All), F(bits.Head), F(bits.Tail));
            Row("trained with K-vectors", "K-vectors", BitsPerByte.MeasureSplit(decoder, turns, zeroPlan: false, k));
            Row("trained with K-vectors", "zeroed", BitsPerByte.MeasureSplit(decoder, turns, zeroPlan: true, k));
            if (result.GetValue(ablation) is { } file)
            {
                var (zeroDecoder, _) = DecoderFile.Load(file.FullName);
                Row("trained with zeros (ablation)", "zeroed", BitsPerByte.MeasureSplit(zeroDecoder, turns, zeroPlan: true, k));
            }
            var (context, total) = PlanSpread.Measure(turns, decoder.Config.K);
            AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{turns.Count} held-out turns, {turns.Sum(t => t.Reply.Length - 2)} reply bytes; K-vector variance {total:F4}, of which {100 * context / total:F1} % changes with the context (the rest is the plan position's)")));
            AnsiConsole.Write(table);
            return Task.FromResult(0);
        });
        return command;
    }

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    private static (ServedModel Served, List<Turn> Turns) LoadTurns(ParseResult result)
    {
        var source = TextSource.Resolve(result, result.GetValue(Conversations)?.FullName, "--conversations"); // consent before anything is opened
        var served = ModelLoader.FromFile(result.GetValue(Model)!.FullName); // required option
        var turns = TurnSet.Load(source, new KVectorEncoder(served.Model), result.GetValue(MaxTurns));
        return (served, turns);
    }

    private static void SetThreads(ParseResult result)
    {
        Parallelism.Degree = result.GetValue(Threads);
        Gemm.NativeThreads = result.GetValue(Threads);
    }
}
