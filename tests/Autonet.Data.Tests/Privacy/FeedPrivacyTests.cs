using System.Text;
using Autonet.Data.Feed;
using Autonet.Data.Tests.Feed;
using Autonet.Data.Text;

namespace Autonet.Data.Tests.Privacy;

/// <summary>
/// No byte of an excluded or unconsented file, and no scrubbed secret, reaches a batch or the ring buffer: checked on
/// the batches' decoded text and on every byte of the SQLite files (database, WAL) as they lie on disk.
/// </summary>
public sealed class FeedPrivacyTests : IDisposable
{
    private const string ApiKey = "sk-proj-abcdefghijklmnopqrstuvwx1234";
    private const string Email = "alice.private@example.org";
    private const string ExcludedFileMarker = "EXCLUDED-FILE-ZQX81";
    private const string ExcludedRecordMarker = "CONFIDENTIAL-RECORD-KW27";
    private readonly FeedFiles _files = new();

    public FeedPrivacyTests()
    {
        _files.Append("conversations/work/chat.jsonl",
            FeedFiles.Line("user", $"my key is {ApiKey}, mail me at {Email}") +
            FeedFiles.Line("assistant", $"this one is {ExcludedRecordMarker} and must go") +
            FeedFiles.Line("assistant", "an ordinary reply"));
        _files.Append("conversations/private/diary.jsonl", FeedFiles.Line("user", $"{ExcludedFileMarker} my diary"));
        _files.Append("agents/secret-bot/execution.jsonl", FeedFiles.Line("tool", $"{ExcludedFileMarker} tool output"));
        _files.Append("agents/coder/execution.jsonl", FeedFiles.Line("tool", "ran the tests"));
    }

    public void Dispose() => _files.Dispose();

    private TextDataConfig Config(bool consent) =>
        _files.Config(consent, "glob:conversations/private/**", "glob:agents/secret-*/**", $"regex:{ExcludedRecordMarker}");

    [Fact]
    public void Feed_WithConsent_NoExcludedOrSecretByteInBatchOrDatabase()
    {
        using (var buffer = FeedBuffer.Open(_files.Database))
        {
            var watcher = new FeedWatcher(Config(consent: true), buffer);
            Assert.Equal(3, watcher.Poll());
            var batch = new FeedBatcher(buffer, newInteractions: 3, maxSeqLength: 128).TryTake()!; // three kept: enough for N = 3
            var text = string.Concat(Enumerable.Range(0, batch.Text!.BatchSize)
                .Select(b => ByteTokenizer.Decode(batch.Text!.TokenIds.AsSpan(b * batch.Text!.SeqLength, batch.Text!.SeqLength).ToArray())));

            Assert.Contains("[API_KEY]", text, StringComparison.Ordinal);
            Assert.Contains("[EMAIL]", text, StringComparison.Ordinal);
            Assert.Contains("tool: ran the tests", text, StringComparison.Ordinal);
            AssertNoneOf(text);
            Assert.Equal(2, watcher.Stats.Scrubbed.Total);
            Assert.Equal(1, watcher.Stats.RecordsExcluded);
        }
        var bytes = _files.DatabaseBytes();
        Assert.True(Contains(bytes, "an ordinary reply"), "the check must see the text that was kept");
        AssertNoneOf(bytes);
    }

    [Fact]
    public void Feed_WithoutConsent_NoByteOfAnyFileInTheDatabase()
    {
        using (var buffer = FeedBuffer.Open(_files.Database))
        {
            var watcher = new FeedWatcher(Config(consent: false), buffer);
            Assert.Equal(0, watcher.Poll());
            Assert.Null(new FeedBatcher(buffer, 1, 64).TryTake());
            Assert.Equal(0, watcher.Stats.LinesRead);
        }
        var bytes = _files.DatabaseBytes();
        Assert.False(Contains(bytes, "an ordinary reply"));
        Assert.False(Contains(bytes, "ran the tests"));
        Assert.False(Contains(bytes, "chat.jsonl")); // not even a cursor names a file
        AssertNoneOf(bytes);
    }

    [Fact]
    public void Batches_WithConsent_NoExcludedOrSecretText()
    {
        var source = new TextTrainingDataSource(Config(consent: true) with { MaxSeqLength = 256 });
        var text = string.Concat(source.ReadWindows().Select(w => ByteTokenizer.Decode(w.TokenIds)));

        Assert.Contains("an ordinary reply", text, StringComparison.Ordinal);
        AssertNoneOf(text);
        Assert.Equal(2, source.Stats.FilesExcluded);
    }

    private static void AssertNoneOf(string text)
    {
        foreach (var forbidden in new[] { ApiKey, Email, ExcludedFileMarker, ExcludedRecordMarker, "diary" })
        {
            Assert.DoesNotContain(forbidden, text, StringComparison.Ordinal);
        }
    }

    private static void AssertNoneOf(byte[] bytes)
    {
        foreach (var forbidden in new[] { ApiKey, Email, ExcludedFileMarker, ExcludedRecordMarker, "diary", "secret-bot" })
        {
            Assert.False(Contains(bytes, forbidden), $"'{forbidden}' is in the database file");
        }
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0;
}
