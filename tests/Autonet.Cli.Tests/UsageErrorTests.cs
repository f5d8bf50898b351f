namespace Autonet.Cli.Tests;

/// <summary>Every kind of bad input exits 2 with one line that names the flag, the value and the rule, and no .NET text.</summary>
public class UsageErrorTests
{
    private static readonly string Missing = "/nonexistent-autonet/model.safetensors";

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["--bogus"], "Unrecognized command or argument '--bogus'" },
        { ["train", "--out", Temp(), "--threads", "0"], "--threads 0: must be at least 1" },
        { ["train", "--out", Temp(), "--batch-size", "0"], "--batch-size 0: must be at least 1" },
        { ["train", "--out", Temp(), "--steps", "-1"], "--steps -1: must be at least 1" },
        { ["train", "--out", Temp(), "--lr", "2"], "--lr 2: must be a number in (0, 1)" },
        { ["train", "--out", Temp(), "--modality", "text", "--text-dir", "/nonexistent-autonet"], "--text-dir '/nonexistent-autonet': no such folder" },
        { ["train", "--out", Temp(), "--modality", "audio"], "--modality audio: one of image, text, multimodal" },
        { ["train", "--out", Temp(), "--width", "30", "--steps", "1"], "--width 30: must be positive, divisible by 4" },
        { ["train", "--steps", "1"], "Option '--out' is required" },
        { ["train", "--out", Temp(), "--resume"], "--resume: '" },
        { ["stake", "--role", "solver", "--amount", "-5"], "--amount -5: must be a decimal number above 0" },
        { ["transfer", "--to", "0x000000000000000000000000000000000000bEEF", "--atn", "0"], "--atn 0: must be above 0" },
        { ["stake", "--role", "banker"], "--role banker: one of proposer, solver, coordinator, aggregator" },
        { ["balance", "--rpc", "notaurl"], "'notaurl' is not an absolute http(s) URL" },
        { ["model", "fetch", "bafkreibad!", "-o", Temp(), "-p", "http://127.0.0.1:1"], "content id 'bafkreibad!' is invalid" },
        { ["model", "fetch", "-o", Temp()], "give either ID (a manifest id, with --providers) or --id N" },
        { ["model", "fetch", "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", "--id", "1", "-o", Temp()], "not both or neither" },
        { ["model", "fetch", "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", "-o", Temp()], "--providers is required with a manifest ID" },
        { ["model", "publish", Self()], "--providers is required without --register" },
        { ["provider", "serve", "--announce", "ftp://x"], "'ftp://x' is not an absolute http(s) URL" },
        { ["provider", "serve", "--poll", "0"], "--poll 0: must be in 0.1..3600 seconds" },
        { ["provider", "challenge"], "Option '--model' is required" },
        { ["model", "fetch", "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", "-o", "/nonexistent-autonet/x", "-p", "http://127.0.0.1:1"], "--out '/nonexistent-autonet/x': folder '/nonexistent-autonet' does not exist" },
        { ["model", "fetch", "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", "-o", Temp(), "--root", "0x12", "-p", "http://127.0.0.1:1"], "--root " },
        { ["model", "publish", Missing, "-p", "http://127.0.0.1:1"], $"model file '{Missing}' does not exist" },
        { ["model", "publish", Self(), "-k", "0", "-p", "http://127.0.0.1:1"], "--data 0: must be 1..255" },
        { ["model", "publish", Self(), "-k", "200", "-m", "100", "-p", "http://127.0.0.1:1"], "--data 200 + --parity 100: at most 256 shards" },
        { ["model", "publish", Self(), "-p", "notaurl"], "--providers 'notaurl': not an http(s) URL" },
        { ["decoder", "train", "--model", Missing, "--out", Temp(), "--kvector-dropout", "1"], "--kvector-dropout 1: must be in [0, 1)" },
        { ["decoder", "train", "--model", Missing, "--out", Temp(), "--plan-gain", "0"], "--plan-gain 0: must be in (0, 10]" },
        { ["decoder", "train", "--model", Missing, "--out", Temp(), "--aligned-slots", "-1"], "--aligned-slots -1: must be 0 (off) or more" },
        { ["eval", "probe", "--checkpoint", Missing], $"--checkpoint '{Missing}': no such file" },
        { ["verify", "--checkpoint", Missing], $"--checkpoint '{Missing}': no such file" },
        { ["delta", "--base", Self(), "--new", Self(), "--out", "/nonexistent-autonet/d"], "--out '/nonexistent-autonet/d': folder '/nonexistent-autonet' does not exist" },
        { ["node", "run", "--poll-ms", "5"], "--poll-ms 5: must be 10..60000" },
        { ["network", "run", "--lazy-coordinators", "5"], "--lazy-coordinators 5: 0..2 (the number of coordinators)" },
        { ["network", "run", "--modality", "IMAGE", "--solvers", "40"], "--solvers 40: 1..32" }, // IMAGE is accepted: any case
        { ["network", "run", "--modality", "audio"], "--modality audio: one of image, text, multimodal" },
        { ["network", "run", "--coordinator-stake", "100"], "--coordinator-stake 100: at least 500 ATN (ParticipantStaking's Coordinator minimum)" },
        { ["network", "run", "--coordinators", "1", "--coordinator-attack", "copy-votes"], "--coordinator-attack copy-votes needs --coordinators 2 or more (an honest coordinator beside the attacker), not 1" },
        { ["network", "run", "--coordinator-attack", "copy"], "--coordinator-attack copy: one of lazy, unreachable-gateway, zero-all, zero-one, flat-vote, sybil-fill, copy-votes, norm-filter" },
        { ["network", "run", "--planter-attack", "flag"], "--planter-attack flag: frame or withhold" },
        { ["network", "run", "--attack", "flip"], "--attack flip: one of signflip, noise, scale, nan, shape, zero, tiny-noise, replay, bad-reveal, slot-fill, train-on-validation, duplicate-cid" },
        { ["network", "run", "--aggregation", "mean"], "--aggregation mean: one of fedavg, median, trimmed-mean, krum" },
        { ["network", "run", "--steps", "0"], "--steps 0: must be at least 1" },
        { ["network", "run", "--train-images", "20"], "--train-images 20: at least 10 per solver" },
        { ["network", "run", "--train-images", "59000"], "--train-images 59000: at most 58000 (Fashion-MNIST has 60,000 training images and the probe takes the 2000 after them)" },
        { ["network", "run", "--rpc", "http://127.0.0.1:1"], "--rpc needs --admin-key" },
        { ["network", "run", "--rpc", "http://127.0.0.1:1", "--admin-key", "0xdeadbeef"], "--admin-key: private key must be 64 hex digits" },
        { ["train", "--out", Temp(), "--modality", "text", "--text-dir", EmptyFolder()], "--text-dir " },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Run_BadInput_ExitsTwoNamingFlagValueAndRule(string[] arguments, string message)
    {
        var result = await CliProcess.RunAsync(arguments);

        Assert.True(result.Code == 2, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter '", result.Output, StringComparison.Ordinal); // .NET's ArgumentException suffix
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal); // no stack trace without --verbose
        Assert.DoesNotContain("Actual value was", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("deadbeef", result.Output, StringComparison.Ordinal); // a key is never echoed
        Assert.DoesNotContain("option '", result.Output, StringComparison.Ordinal); // a library's config name instead of the flag
    }

    [Fact]
    public async Task Balance_EthRpcUrlNotAUrl_ExitsTwoNamingTheVariable()
    {
        var result = await CliProcess.RunAsync(new Dictionary<string, string> { ["ETH_RPC_URL"] = "notaurl" }, "--home", CliProcess.NewHome(), "balance");

        Assert.True(result.Code == 2, result.ToString());
        Assert.Contains("ETH_RPC_URL (the default of --rpc) is not an absolute http(s) URL", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NetworkRun_EthRpcUrlWithoutAdminKey_SaysWhereRpcCameFrom()
    {
        var result = await CliProcess.RunAsync(new Dictionary<string, string> { ["ETH_RPC_URL"] = "http://127.0.0.1:1" }, "--home", CliProcess.NewHome(), "network", "run");

        Assert.True(result.Code == 2, result.ToString());
        Assert.Contains("--rpc needs --admin-key", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("(--rpc is $ETH_RPC_URL)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Always_DocumentsExitCodesAndExitsZero()
    {
        var result = await CliProcess.RunAsync("train", "--help");

        Assert.True(result.Code == 0, result.ToString());
        Assert.Contains("--modality <image|text|multimodal>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("2    usage error", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("130  cancelled", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("issue", result.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("seeds", result.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Version_Always_PrintsVersionAndExitsZero()
    {
        var result = await CliProcess.RunAsync("--version");

        Assert.Equal(0, result.Code);
        Assert.StartsWith("0.1.0", result.Stdout.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Balance_NoChainFile_ExitsOneSayingToRunChainUp()
    {
        var result = await CliProcess.RunAsync("--home", CliProcess.NewHome(), "balance");

        Assert.True(result.Code == 1, result.ToString());
        Assert.Contains("autonet chain up", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeStep_HomeNotSetUp_ExitsOneNamingNodeRole()
    {
        var result = await CliProcess.RunAsync("--home", CliProcess.NewHome(), "node", "step", "--task", "1");

        Assert.True(result.Code == 1, result.ToString());
        Assert.Contains("node.role = ''; rule: a node's role must be proposer, solver, coordinator or aggregator", result.Stderr, StringComparison.Ordinal);
    }

    // A fresh path in the temp folder (nothing there yet).
    private static string Temp() => Path.Combine(Path.GetTempPath(), $"autonet-cli-{Guid.NewGuid():N}");

    // A public corpus (it holds the marker, so no consent is needed) that holds no conversation.
    private static string EmptyFolder()
    {
        var folder = Directory.CreateTempSubdirectory("autonet-cli-empty-").FullName;
        Data.Consent.CorpusFolder.Mark(folder, "an empty test corpus");
        return folder;
    }

    // A file that exists: this test's copy of the program.
    private static string Self() => Path.Combine(AppContext.BaseDirectory, "autonet.dll");
}
