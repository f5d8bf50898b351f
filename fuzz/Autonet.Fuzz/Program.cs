// The fuzz driver of issue 15: one SharpFuzz target per decoder, run by AFL++ (scripts/fuzz.sh), plus a replay mode
// that runs a corpus in-process and reports inputs, crashes and the worst allocation per input byte (the README's
// "Decoders under fuzzing" table). Not a test project: scripts/fuzz.sh builds, instruments and runs it.
using System.Globalization;
using System.Text;
using Autonet.Fuzz;
using Autonet.Fuzz.Targets;
using Autonet.Fuzz.Targets.Screen;
using SharpFuzz;

FuzzTarget[] targets = [new RlpTarget(), new TransactionTarget(), new AbiTarget(), new AbiTypeTarget(), new SafetensorsTarget(), new ManifestTarget(), new IdsTarget(), new RpcReplyTarget(),
    new ContractAbiTarget(), new AbiEventTarget(), new TrainingSpecTarget(), new ValidationSetTarget(), new NodeEventTarget(),
    new X11SessionTarget(), new X11SetupTarget(), new XAuthorityTarget(), new FrameTarget()];
FuzzTarget Find(string name) => targets.FirstOrDefault(t => t.Name == name)
    ?? throw new ArgumentException($"no fuzz target '{name}' (targets: {string.Join(", ", targets.Select(t => t.Name))})");

switch (args)
{
    case ["list"]:
        Console.WriteLine(string.Join(" ", targets.Select(t => t.Name)));
        return 0;
    case ["seed", var folder]:
        foreach (var target in targets)
        {
            var dir = Directory.CreateDirectory(Path.Combine(folder, target.Name));
            var i = 0;
            foreach (var seed in target.Seeds())
            {
                File.WriteAllBytes(Path.Combine(dir.FullName, $"seed-{i++:d3}"), seed);
            }
            // AFL++ dictionary format: name="value", every byte outside [A-Za-z0-9] as \xNN.
            var words = target.Tokens().Select((word, n) => $"word{n}=\"{string.Concat(Encoding.UTF8.GetBytes(word).Select(b => char.IsAsciiLetterOrDigit((char)b) ? ((char)b).ToString() : $"\\x{b:x2}"))}\"");
            File.WriteAllLines(Path.Combine(folder, target.Name + ".dict"), words);
        }
        return 0;
    case ["afl", var name]:
        {
            var target = Find(name);
            var warm = false;
            Fuzzer.OutOfProcess.Run(stream =>
            {
                // Instrumented code runs only inside Run (it writes AFL++'s shared memory), so warm up on the first input.
                if (!warm)
                {
                    FuzzHarness.WarmUp(target);
                    warm = true;
                }
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                FuzzHarness.Execute(target, buffer.ToArray());
            });
            return 0;
        }
    case ["replay", var name, .. var folders]:
        return Replay(Find(name), folders);
    default:
        Console.Error.WriteLine("usage: Autonet.Fuzz list | seed DIR | afl TARGET | replay TARGET DIR...");
        return 2;
}

// Every file under the folders, in-process: a crash is any exception the target lets through, including the
// allocation contract. Prints one JSON line; exit 1 on any crash.
static int Replay(FuzzTarget target, IEnumerable<string> folders)
{
    FuzzHarness.WarmUp(target);
    var files = folders.Where(Directory.Exists).SelectMany(f => Directory.EnumerateFiles(f, "*", SearchOption.AllDirectories))
        .Where(f => !f.EndsWith("README.txt", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith('.')).ToList();
    long crashes = 0, worstBytes = 0;
    double worstPerByte = 0;
    var worstInput = 0;
    foreach (var file in files)
    {
        var input = File.ReadAllBytes(file);
        try
        {
            var allocated = FuzzHarness.Execute(target, input);
            worstBytes = Math.Max(worstBytes, allocated);
            // Per byte over inputs of 256 bytes or more: below that the fixed costs (a 1 MiB buffer) dominate.
            if (input.Length >= 256 && (double)allocated / input.Length > worstPerByte)
            {
                worstPerByte = (double)allocated / input.Length;
                worstInput = input.Length;
            }
        }
#pragma warning disable CA1031 // the replay's job is to report every exception a decoder lets through
        catch (Exception error)
#pragma warning restore CA1031
        {
            crashes++;
            Console.Error.WriteLine($"{target.Name}: CRASH on {file}: {error.GetType().Name}: {error.Message}");
        }
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{{\"target\":\"{target.Name}\",\"decoder\":\"{target.Decoder}\",\"inputs\":{files.Count},\"crashes\":{crashes},\"worst_bytes_per_input_byte\":{worstPerByte:0.0},\"worst_input_bytes\":{worstInput},\"most_bytes_one_input\":{worstBytes}}}"));
    return crashes == 0 ? 0 : 1;
}
