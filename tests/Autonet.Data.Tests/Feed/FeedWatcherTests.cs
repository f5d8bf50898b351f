using Autonet.Data.Feed;

namespace Autonet.Data.Tests.Feed;

public sealed class FeedWatcherTests : IDisposable
{
    private readonly FeedFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Poll_AppendedLines_ReadOnceEach()
    {
        using var buffer = FeedBuffer.Open(_files.Database);
        var watcher = new FeedWatcher(_files.Config(), buffer);
        _files.Append("conversations/a.jsonl", FeedFiles.Line("user", "one") + FeedFiles.Line("assistant", "two"));

        Assert.Equal(2, watcher.Poll());
        Assert.Equal(0, watcher.Poll());
        _files.Append("conversations/a.jsonl", FeedFiles.Line("user", "three"));
        Assert.Equal(1, watcher.Poll());

        Assert.Equal(["one", "two", "three"], buffer.After(0, 10).Select(i => i.Content));
        Assert.All(buffer.After(0, 10), i => Assert.Equal("conversations/a.jsonl", i.Source));
    }

    [Fact]
    public void Poll_PartialLastLine_WaitsForItsNewline()
    {
        using var buffer = FeedBuffer.Open(_files.Database);
        var watcher = new FeedWatcher(_files.Config(), buffer);
        var line = FeedFiles.Line("user", "written in two halves");
        _files.Append("agents/coder/execution.jsonl", line[..10]);

        Assert.Equal(0, watcher.Poll());
        Assert.Equal(0, watcher.Stats.SkippedCorruptJson); // a half line is not corrupt: it is not finished
        _files.Append("agents/coder/execution.jsonl", line[10..]);
        Assert.Equal(1, watcher.Poll());
        Assert.Equal("written in two halves", Assert.Single(buffer.After(0, 10)).Content);
        Assert.Equal("agents/coder/execution.jsonl", buffer.After(0, 10)[0].Source);
    }

    [Fact]
    public void Poll_TruncatedOrRotatedFile_ReadAgainFromTheStart()
    {
        using var buffer = FeedBuffer.Open(_files.Database);
        var watcher = new FeedWatcher(_files.Config(), buffer);
        var path = _files.Append("agents/coder/execution.jsonl", FeedFiles.Line("user", "old record number one") + FeedFiles.Line("user", "old record number two"));
        Assert.Equal(2, watcher.Poll());

        File.Move(path, path + ".1"); // rotated away; a new file of the same name starts
        _files.Append("agents/coder/execution.jsonl", FeedFiles.Line("user", "new"));
        Assert.Equal(1, watcher.Poll());
        File.WriteAllText(path, FeedFiles.Line("user", "replaced with a longer first line than before, so it is longer than the offset")); // same name, other content
        Assert.Equal(1, watcher.Poll());

        Assert.Equal(2, watcher.FilesRestarted);
        Assert.Equal(["old record number one", "old record number two", "new", "replaced with a longer first line than before, so it is longer than the offset"], buffer.After(0, 10).Select(i => i.Content));
    }

    [Fact]
    public void Poll_AfterRestart_ContinuesFromTheSavedCursor()
    {
        _files.Append("conversations/a.jsonl", FeedFiles.Line("user", "before restart"));
        using (var buffer = FeedBuffer.Open(_files.Database))
        {
            Assert.Equal(1, new FeedWatcher(_files.Config(), buffer).Poll());
        }
        _files.Append("conversations/a.jsonl", FeedFiles.Line("user", "while stopped"));
        using var reopened = FeedBuffer.Open(_files.Database);

        Assert.Equal(1, new FeedWatcher(_files.Config(), reopened).Poll());
        Assert.Equal(["before restart", "while stopped"], reopened.After(0, 10).Select(i => i.Content));
    }

    [Fact]
    public void Poll_BadLines_CountedByReasonAndSkipped()
    {
        using var buffer = FeedBuffer.Open(_files.Database);
        var watcher = new FeedWatcher(_files.Config(), buffer);
        _files.Append("conversations/bad.jsonl", "{\"role\":\"user\",\"content\":\"trunc\n" + "{\"content\":\"no role\"}\n" + "\n" + FeedFiles.Line("user", "good"));

        Assert.Equal(1, watcher.Poll());
        Assert.Equal(1, watcher.Stats.SkippedCorruptJson);
        Assert.Equal(1, watcher.Stats.SkippedMissingFields);
        Assert.Equal(1, watcher.Stats.SkippedEmpty);
    }

    [Fact]
    public void Poll_LineOverTheLimit_SkippedToItsNewline()
    {
        using var buffer = FeedBuffer.Open(_files.Database);
        var watcher = new FeedWatcher(_files.Config() with { MaxLineBytes = 1024 }, buffer);
        _files.Append("conversations/long.jsonl", "{\"role\":\"user\",\"content\":\"" + new string('x', 3000));
        Assert.Equal(0, watcher.Poll());
        _files.Append("conversations/long.jsonl", "\"}\n" + FeedFiles.Line("user", "after the long one"));

        Assert.Equal(1, watcher.Poll());
        Assert.Equal(1, watcher.Stats.SkippedTooLong);
        Assert.Equal("after the long one", Assert.Single(buffer.After(0, 10)).Content);
    }
}
