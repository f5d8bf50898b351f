// Linear probe of a text JEPA's K-vectors for the next turn (issue 16's diagnosis): does K-vector j, the predictor's
// output at the reply's byte j, tell which byte that is? A softmax regression per feature set (a bias per slot plus
// a linear map of the standardized feature), trained on training turns and scored in bits per token on held-out
// turns, slots 0..S-1 (the reply's first S tokens, EOS included). Feature sets: none (the slot's byte prior), the
// served K-vector (predictor), and the target encoder's output at the true byte j over the context and the reply (the
// JEPA's own regression target: what a perfect predictor would serve). Not a test and not a product path: a probe.
// Usage: dotnet run -c Release scripts/kvector-probe.cs -- MODEL TRAIN_DIR HELDOUT_DIR [TRAIN_TURNS [HELDOUT_TURNS [SLOTS]]]
// MODEL is a model.safetensors or a run's checkpoint.safetensors (its weights; the optimizer state is not read).
#:project ../src/Autonet.Inference/Autonet.Inference.csproj
#:property TreatWarningsAsErrors=false
#:property GenerateDocumentationFile=true
#:property NoWarn=CS1591
#:property PublishAot=false
using System.Globalization;
using Autonet.Data.Consent;
using Autonet.Data.Text;
using Autonet.Inference.Decoding;
using Autonet.Inference.Encoders;
using Autonet.Training.Jepa;
using Autonet.Models.Jepa;
using Autonet.Tensors;
using Autonet.Tensors.Blas;
using Autonet.Tensors.Memory;

Parallelism.Degree = 1;
Gemm.NativeThreads = 1;
var trainTurns = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4000;
var heldTurns = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 2000;
var slots = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 16;
var model = JepaCheckpoint.LoadModel(args[0]);
var encoder = new KVectorEncoder(model);
var (k, d) = (encoder.Shape.K, encoder.Shape.D);
Console.WriteLine($"K {k}, D {d}, context {encoder.ContextTokens} tokens, slots probed {slots}");
var train = Load(args[1], trainTurns);
var held = Load(args[2], heldTurns);
Console.WriteLine($"{train.Count} training samples, {held.Count} held-out samples (slot, token)");
string[] names = ["slot prior only", "served K-vector (predictor)", "target encoder at the byte"];
for (var set = 0; set < names.Length; set++)
{
    var bits = Probe(train, held, set, set == 0 ? 0 : d); // (S) held-out bits per token of each slot, then the mean
    var perSlot = string.Join(" ", bits.Take(Math.Min(8, slots)).Select(b => b.ToString("F2", CultureInfo.InvariantCulture)));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{names[set],-30} {bits[^1]:F4} bits per token (held-out); slots 0..7: {perSlot}"));
}
return 0;

List<Sample> Load(string folder, int maxTurns)
{
    var source = CorpusFolder.Named(folder, new TextDataConfig(), "folder");
    var samples = new List<Sample>();
    var arena = new ActivationArena();
    var turns = 0;
    foreach (var (_, records) in new TextTrainingDataSource(source).ReadRecords())
    {
        var messages = new List<ChatMessage>();
        foreach (var record in records)
        {
            if (turns >= maxTurns)
            {
                return samples;
            }
            if (record.Role == "assistant" && messages.Count > 0)
            {
                var context = ConversationText.ContextIds(messages);
                var plan = encoder.Encode(context, arena);
                var reply = TurnSet.ReplyIds(record.Content);
                var target = TargetAtReply(context, reply, arena);
                for (var j = 0; j < slots && j + 1 < reply.Length; j++)
                {
                    samples.Add(new Sample(j, reply[j + 1], plan.AsSpan(j * d, d).ToArray(), target.AsSpan(j * d, d).ToArray()));
                }
                turns++;
            }
            messages.Add(new ChatMessage(record.Role, record.Content));
        }
    }
    return samples;
}

// (K * D): the target encoder's output at the reply's bytes 0..K-1, reading the last T - K context tokens and the reply.
float[] TargetAtReply(int[] context, int[] reply, ActivationArena arena)
{
    var t = model.Config.MaxTokens;
    var used = context[Math.Max(0, context.Length - encoder.ContextTokens)..];
    var n = used.Length;
    var bytes = Math.Min(k, reply.Length - 1);
    var ids = new int[t];
    Array.Fill(ids, ByteTokenizer.Pad);
    used.CopyTo(ids, 0);
    Array.Copy(reply, 1, ids, n, bytes);
    arena.Reset();
    var output = model.TargetEncoder.Forward(JepaInput.FromIds(ids, 1), [.. Enumerable.Range(0, n + bytes)], arena); // (1, n + bytes, D)
    var result = new float[k * d];
    output.Span.Slice(n * d, bytes * d).CopyTo(result);
    return result;
}

// Softmax regression: logits = bias[slot] + W x (x standardized over the training set); Adam, minibatches of 256.
double[] Probe(List<Sample> trainSet, List<Sample> heldSet, int set, int width)
{
    const int Vocab = ByteTokenizer.VocabSize;
    float[] Feature(Sample s) => set == 1 ? s.Plan : s.Target;
    var mean = new double[width];
    var std = new double[width];
    if (width > 0)
    {
        foreach (var s in trainSet)
        {
            for (var i = 0; i < width; i++)
            {
                mean[i] += Feature(s)[i] / trainSet.Count;
            }
        }
        foreach (var s in trainSet)
        {
            for (var i = 0; i < width; i++)
            {
                std[i] += Math.Pow(Feature(s)[i] - mean[i], 2) / trainSet.Count;
            }
        }
        for (var i = 0; i < width; i++)
        {
            std[i] = Math.Sqrt(std[i]) + 1e-6;
        }
    }
    var p = (slots * Vocab) + (width * Vocab); // bias (S, V), then W (F, V)
    var w = new double[p];
    var (m1, m2, g) = (new double[p], new double[p], new double[p]);
    var x = new double[width];
    var logits = new double[Vocab];
    var random = new Random(1);
    var order = Enumerable.Range(0, trainSet.Count).ToArray();
    var step = 0;
    double Nats(Sample s, bool backward)
    {
        for (var i = 0; i < width; i++)
        {
            x[i] = (Feature(s)[i] - mean[i]) / std[i];
        }
        for (var v = 0; v < Vocab; v++)
        {
            var z = w[(s.Slot * Vocab) + v];
            for (var i = 0; i < width; i++)
            {
                z += x[i] * w[(slots * Vocab) + (i * Vocab) + v];
            }
            logits[v] = z;
        }
        var max = logits.Max();
        var sum = logits.Sum(z => Math.Exp(z - max));
        var nats = max + Math.Log(sum) - logits[s.Token];
        if (backward)
        {
            for (var v = 0; v < Vocab; v++)
            {
                var dz = (Math.Exp(logits[v] - max) / sum) - (v == s.Token ? 1 : 0);
                g[(s.Slot * Vocab) + v] += dz;
                for (var i = 0; i < width; i++)
                {
                    g[(slots * Vocab) + (i * Vocab) + v] += dz * x[i];
                }
            }
        }
        return nats;
    }
    for (var epoch = 0; epoch < 6; epoch++)
    {
        random.Shuffle(order);
        for (var start = 0; start + 256 <= order.Length; start += 256)
        {
            Array.Clear(g);
            for (var r = start; r < start + 256; r++)
            {
                Nats(trainSet[order[r]], backward: true);
            }
            step++;
            var lr = 3e-3;
            for (var i = 0; i < p; i++)
            {
                var gi = (g[i] / 256) + (1e-4 * w[i]);
                m1[i] = (0.9 * m1[i]) + (0.1 * gi);
                m2[i] = (0.999 * m2[i]) + (0.001 * gi * gi);
                w[i] -= lr * (m1[i] / (1 - Math.Pow(0.9, step))) / (Math.Sqrt(m2[i] / (1 - Math.Pow(0.999, step))) + 1e-8);
            }
        }
    }
    var (nats, counts) = (new double[slots + 1], new int[slots + 1]);
    foreach (var s in heldSet)
    {
        var value = Nats(s, backward: false);
        (nats[s.Slot], counts[s.Slot], nats[slots], counts[slots]) = (nats[s.Slot] + value, counts[s.Slot] + 1, nats[slots] + value, counts[slots] + 1);
    }
    return [.. nats.Select((n, i) => n / Math.Max(1, counts[i]) / Math.Log(2))];
}

internal sealed record Sample(int Slot, int Token, float[] Plan, float[] Target);
