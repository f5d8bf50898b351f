using System.Text;
using Autonet.Data.Privacy;
using Autonet.Data.Text;

namespace Autonet.Data.Tests.Text;

public sealed class TextTrainingDataSourceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("autonet-text-").FullName;

    public TextTrainingDataSourceTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "conversations", "2025"));
        Directory.CreateDirectory(Path.Combine(_root, "agents", "coder"));
        Directory.CreateDirectory(Path.Combine(_root, "agents", "secret-bot"));
        Directory.CreateDirectory(Path.Combine(_root, "agents", "no-log"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private TextDataConfig Config => new()
    {
        TrainOnAgentData = true,
        ConversationsDirectory = Path.Combine(_root, "conversations"),
        AgentsDirectory = Path.Combine(_root, "agents"),
        MaxSeqLength = 64,
    };

    [Fact]
    public void ReadWindows_ConsentOff_ReadsNothingAndSaysSo()
    {
        Write("conversations/a.jsonl", Line("user", "hello"));
        var log = new StringWriter();
        var source = new TextTrainingDataSource(Config with { TrainOnAgentData = false }, log);
        Assert.Empty(source.ReadWindows());
        Assert.False(source.Stats.ConsentGiven);
        Assert.Equal(0, source.Stats.FilesRead);
        Assert.Equal(0, source.Stats.LinesRead);
        Assert.Contains("train_on_agent_data is false", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadWindows_BadLines_SkippedAndCounted()
    {
        var lines = new List<byte[]>
        {
            Line("user", "first good line"),
            Array.Empty<byte>(),
            "{\"role\":\"user\",\"content\":\"trunc"u8.ToArray(),
            Bytes([.. "{\"role\":\"user\",\"content\":\"bad "u8, 0xFF, 0xFE, .. "\"}"u8]),
            "{\"content\":\"no role\"}"u8.ToArray(),
            "{\"role\":\"user\",\"content\":\"\\udc00\"}"u8.ToArray(),
            Line("assistant", "second good line"),
        };
        Write("conversations/2025/mixed.jsonl", lines.SelectMany(l => l.Concat("\n"u8.ToArray())).ToArray());

        var source = new TextTrainingDataSource(Config);
        var text = string.Concat(source.ReadWindows().Select(w => ByteTokenizer.Decode(w.TokenIds)));

        Assert.Equal("user: first good line\nassistant: second good line\n", text);
        var stats = source.Stats;
        Assert.Equal(7, stats.LinesRead);
        Assert.Equal(2, stats.RecordsUsed);
        Assert.Equal(1, stats.SkippedEmpty);
        Assert.Equal(1, stats.SkippedCorruptJson);
        Assert.Equal(2, stats.SkippedInvalidUtf8);
        Assert.Equal(1, stats.SkippedMissingFields);
        Assert.Equal(1, stats.FilesRead);
    }

    [Fact]
    public void ReadWindows_LineOverLimit_SkippedAsTooLong()
    {
        Write("conversations/long.jsonl", [.. Line("user", new string('x', 3000)), .. "\n"u8, .. Line("user", "short")]);
        var source = new TextTrainingDataSource(Config with { MaxLineBytes = 1024 });
        var text = string.Concat(source.ReadWindows().Select(w => ByteTokenizer.Decode(w.TokenIds)));
        Assert.Equal("user: short\n", text);
        Assert.Equal(1, source.Stats.SkippedTooLong);
    }

    [Fact]
    public void ReadWindows_ConversationsAndAgents_ReadInPathOrderWithBosEos()
    {
        Write("conversations/b.jsonl", Line("user", "bee"));
        Write("conversations/2025/a.jsonl", Line("user", "ay"));
        Write("agents/coder/execution.jsonl", Line("tool", "ran tests"));
        var source = new TextTrainingDataSource(Config);
        var windows = source.ReadWindows().ToList();
        Assert.Equal(["conversations/2025/a.jsonl", "conversations/b.jsonl", "agents/coder/execution.jsonl"], windows.Select(w => w.Source));
        Assert.All(windows, w => Assert.Equal(ByteTokenizer.Bos, w.TokenIds[0]));
        Assert.All(windows, w => Assert.Equal(ByteTokenizer.Eos, w.TokenIds[w.Length - 1]));
        Assert.Equal("tool: ran tests\n", ByteTokenizer.Decode(windows[2].TokenIds));
    }

    [Fact]
    public void ReadWindows_Exclusions_DropFilesByGlobAndRecordsByRegex()
    {
        Write("agents/secret-bot/execution.jsonl", Line("tool", "classified"));
        Write("agents/coder/execution.jsonl", [.. Line("user", "keep me"), .. "\n"u8, .. Line("user", "this is CONFIDENTIAL stuff")]);
        var config = Config with { ExclusionPatterns = ["glob:agents/secret-*/**", @"regex:(?i)\bconfidential\b"] };
        var source = new TextTrainingDataSource(config);
        var text = string.Concat(source.ReadWindows().Select(w => ByteTokenizer.Decode(w.TokenIds)));
        Assert.Equal("user: keep me\n", text);
        Assert.Equal(1, source.Stats.FilesExcluded);
        Assert.Equal(1, source.Stats.RecordsExcluded);
    }

    [Fact]
    public void ReadWindows_Secrets_ScrubbedBeforeTokenization()
    {
        Write("conversations/s.jsonl", Line("user", "I am carol@example.com, card 4111 1111 1111 1111"));
        var source = new TextTrainingDataSource(Config with { MaxSeqLength = 128 });
        var text = string.Concat(source.ReadWindows().Select(w => ByteTokenizer.Decode(w.TokenIds)));
        Assert.Equal("user: I am [EMAIL], card [CARD]\n", text);
        Assert.Equal(1, source.Stats.Scrubbed[SecretKind.Email]);
        Assert.Equal(1, source.Stats.Scrubbed[SecretKind.CardNumber]);
    }

    [Fact]
    public void ReadBatches_LongDocument_FullOverlappingWindows()
    {
        var content = string.Concat(Enumerable.Range(0, 40).Select(i => $"word{i} "));
        Write("conversations/long.jsonl", Line("user", content));
        var config = Config with { MaxSeqLength = 64, Stride = 32 };
        var source = new TextTrainingDataSource(config);
        var batches = source.ReadBatches(batchSize: 3).ToList();
        var documentLength = 2 + Encoding.UTF8.GetByteCount("user: " + content + "\n");
        var expectedWindows = SlidingWindows.Starts(documentLength, 64, 32).Count;
        Assert.Equal(expectedWindows, batches.Sum(b => b.BatchSize));
        Assert.All(batches, b => Assert.Equal(64, b.SeqLength));
        Assert.All(batches.SelectMany(b => b.Lengths), l => Assert.Equal(64, l));
        Assert.All(batches.SelectMany(b => b.AttentionMask), m => Assert.Equal(1, m));
        Assert.Equal(expectedWindows, source.Stats.Windows);
    }

    [Fact]
    public void ReadWindows_MissingFolders_NoWindowsAndNotice()
    {
        var config = Config with { ConversationsDirectory = Path.Combine(_root, "none"), AgentsDirectory = Path.Combine(_root, "none2") };
        var source = new TextTrainingDataSource(config);
        Assert.Empty(source.ReadWindows());
        Assert.Contains("no *.jsonl was found", source.Stats.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadNextTurnWindows_Replies_EndQueryTokensIntoEachReplyWithTheContextBefore()
    {
        var (question, early, late, tail) = (new string('q', 20), new string('a', 30), "the reply starts here, long enough", "ok");
        Write("conversations/c.jsonl", [.. Line("user", question), .. "\n"u8, .. Line("assistant", early), .. "\n"u8, .. Line("user", "again?"), .. "\n"u8,
            .. Line("assistant", late), .. "\n"u8, .. Line("user", "and?"), .. "\n"u8, .. Line("assistant", tail)]);
        var windows = new TextTrainingDataSource(Config).ReadNextTurnWindows(queryTokens: 16).ToList();

        // The first reply starts at token 1 + 38 (< 64 - 16: no full context); the last one is within 16 tokens of EOS.
        var window = Assert.Single(windows);
        var document = $"user: {question}\nassistant: {early}\nuser: again?\nassistant: ";
        Assert.Equal(64, window.TokenIds.Length);
        Assert.Equal(64, window.Length);
        Assert.Equal("conversations/c.jsonl", window.Source);
        Assert.Equal(document[^48..], ByteTokenizer.Decode(window.TokenIds.AsSpan(0, 48))); // the 48 tokens a served context ends with
        Assert.Equal(late[..16], ByteTokenizer.Decode(window.TokenIds.AsSpan(48))); // the reply's first 16 bytes: the query's targets
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64)]
    public void ReadNextTurnWindows_QueryOutsideWindow_Throws(int queryTokens)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new TextTrainingDataSource(Config).ReadNextTurnWindows(queryTokens).ToList());
        Assert.Equal("queryTokens", ex.ParamName);
    }

    [Fact]
    public void Constructor_BadConfig_Throws()
    {
        Assert.Throws<ArgumentException>(() => new TextTrainingDataSource(Config with { MaxSeqLength = 5000 }));
        Assert.Throws<ArgumentException>(() => new TextTrainingDataSource(Config with { ExclusionPatterns = ["regex:("] }));
    }

    private static byte[] Line(string role, string content) =>
        Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { role, content, timestamp = "2025-01-01T00:00:00Z" }));

    private static byte[] Bytes(byte[] bytes) => bytes;

    private void Write(string relative, byte[] bytes) => File.WriteAllBytes(Path.Combine(_root, relative), bytes);
}
