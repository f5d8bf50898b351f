using Autonet.Data.Feed;
using Microsoft.Extensions.Time.Testing;

namespace Autonet.Data.Tests.Feed;

public sealed class FeedBufferTests : IDisposable
{
    private readonly FeedFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Append_OlderThanMaxAge_AgesOut()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        using var buffer = FeedBuffer.Open(_files.Database, new FeedLimits { MaxAge = TimeSpan.FromHours(1) }, clock);
        buffer.Append("a", "user", "early", null);
        clock.Advance(TimeSpan.FromMinutes(61));
        buffer.Append("a", "user", "late", null);

        Assert.Equal("late", Assert.Single(buffer.After(0, 10)).Content);
        Assert.Equal(1, buffer.Stats().AgedOutByTime);
    }

    [Fact]
    public void Append_OverMaxBytes_DropsOldestFirst()
    {
        using var buffer = FeedBuffer.Open(_files.Database, new FeedLimits { MaxBytes = 2048 });
        for (var i = 0; i < 10; i++)
        {
            buffer.Append("a", "user", $"{i}:" + new string('x', 498), null);
        }

        var kept = buffer.After(0, 100);
        Assert.Equal(["6:", "7:", "8:", "9:"], kept.Select(k => k.Content[..2]));
        Assert.True(buffer.Stats().Bytes <= 2048);
        Assert.Equal(6, buffer.Stats().AgedOutBySize);
    }

    [Fact]
    public void Open_AnotherSchemaVersion_RefusedNamingTheFile()
    {
        using (var buffer = FeedBuffer.Open(_files.Database))
        {
            buffer.Append("a", "user", "x", null);
        }
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_files.Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version=9;";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidDataException>(() => FeedBuffer.Open(_files.Database));
        Assert.Contains(_files.Database, error.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_BadLimits_NamesTheLimit()
    {
        var error = Assert.Throws<ArgumentException>(() => FeedBuffer.Open(_files.Database, new FeedLimits { MaxBytes = 10 }));
        Assert.Equal("feed.max_bytes", error.ParamName);
    }
}
