// The live feed's ring buffer, persisted in SQLite (feed.db in the node home): scrubbed interactions and screen frames
// in arrival order, the watcher's per-file cursors and the trainer's position, so a restart neither loses nor re-reads
// anything. Entries age out by time (MaxAge) and size (MaxBytes, oldest first). secure_delete is on: an aged-out row's
// bytes are overwritten, not left in a free page. Only already-scrubbed, already-filtered text is ever written here.
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Autonet.Data.Feed;

/// <summary>A size- and time-bounded ring buffer of interactions and frames in one SQLite file.</summary>
public sealed class FeedBuffer : IDisposable
{
    public const int SchemaVersion = 1;

    private readonly SqliteConnection _connection;
    private readonly FeedLimits _limits;
    private readonly TimeProvider _time;

    private FeedBuffer(SqliteConnection connection, string path, FeedLimits limits, TimeProvider time)
    {
        _connection = connection;
        _limits = limits;
        _time = time;
        Path = path;
    }

    /// <summary>The SQLite file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating when absent) the buffer at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">the file has another schema version</exception>
    public static FeedBuffer Open(string path, FeedLimits? limits = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        limits ??= new FeedLimits();
        limits.Validate();
        SQLitePCL.Batteries_V2.Init();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        connection.Open();
        try
        {
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;");
            var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
            if (version == 0)
            {
                Execute(connection, """
                    CREATE TABLE interactions (seq INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, role TEXT NOT NULL,
                        content TEXT NOT NULL, timestamp TEXT, arrived_ms INTEGER NOT NULL, bytes INTEGER NOT NULL);
                    CREATE TABLE frames (seq INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, captured_ms INTEGER NOT NULL,
                        size INTEGER NOT NULL, pixels BLOB NOT NULL, arrived_ms INTEGER NOT NULL, bytes INTEGER NOT NULL);
                    CREATE TABLE cursors (path TEXT PRIMARY KEY NOT NULL, offset INTEGER NOT NULL, head BLOB NOT NULL, skipping INTEGER NOT NULL);
                    CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
                    """);
                Execute(connection, $"PRAGMA user_version={SchemaVersion};");
            }
            else if (version != SchemaVersion)
            {
                throw new InvalidDataException($"feed buffer '{path}' has schema version {version}; this program reads version {SchemaVersion} (move the file away to start a new buffer)");
            }
            // Indexes (added after version 1 shipped; they do not change the rows): the aligner looks frames up by capture
            // time, and ageing out sums and deletes by (arrived_ms, bytes), which sit after the pixel blob in a frame's row:
            // without a covering index every append walked every frame's overflow pages (2,500 frames of 96²: 92 MB a call).
            Execute(connection, """
                CREATE INDEX IF NOT EXISTS frames_captured ON frames (captured_ms);
                CREATE INDEX IF NOT EXISTS frames_age ON frames (arrived_ms, bytes);
                CREATE INDEX IF NOT EXISTS interactions_age ON interactions (arrived_ms, bytes);
                """);
            return new FeedBuffer(connection, path, limits, time ?? TimeProvider.System);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Sequence number of the last interaction the trainer took (0: none yet).</summary>
    public long Taken
    {
        get => Meta("taken");
        set => SetMeta("taken", value);
    }

    /// <summary>Sequence number of the last frame a batch took as a visual sample (0: none yet).</summary>
    public long TakenFrame
    {
        get => Meta("taken_frame");
        set => SetMeta("taken_frame", value);
    }

    /// <summary>Appends one scrubbed interaction; returns its sequence number. Ages the buffer out after.</summary>
    public long Append(string source, string role, string content, string? timestamp)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(content) + System.Text.Encoding.UTF8.GetByteCount(role);
        var seq = Insert("INSERT INTO interactions (source, role, content, timestamp, arrived_ms, bytes) VALUES ($s, $r, $c, $t, $a, $b) RETURNING seq;",
            ("$s", source), ("$r", role), ("$c", content), ("$t", (object?)timestamp ?? DBNull.Value), ("$a", Now()), ("$b", bytes));
        AgeOut();
        return seq;
    }

    /// <summary>Appends one frame (Size × Size normalized grey pixels) captured at <paramref name="captured"/>.</summary>
    public long AppendFrame(string source, DateTimeOffset captured, int size, float[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != size * size)
        {
            Errors.Option("pixels", pixels.Length, $"must be size² = {size * size}");
        }
        var blob = new byte[pixels.Length * sizeof(float)];
        Buffer.BlockCopy(pixels, 0, blob, 0, blob.Length);
        var seq = Insert("INSERT INTO frames (source, captured_ms, size, pixels, arrived_ms, bytes) VALUES ($s, $c, $z, $p, $a, $b) RETURNING seq;",
            ("$s", source), ("$c", captured.ToUnixTimeMilliseconds()), ("$z", size), ("$p", blob), ("$a", Now()), ("$b", blob.Length));
        AgeOut();
        return seq;
    }

    /// <summary>How many interactions arrived after sequence number <paramref name="seq"/>.</summary>
    public int CountAfter(long seq) => Convert.ToInt32(Scalar(_connection, "SELECT COUNT(*) FROM interactions WHERE seq > $q;", ("$q", seq)), CultureInfo.InvariantCulture);

    /// <summary>How many frames arrived after sequence number <paramref name="seq"/>.</summary>
    public int CountFramesAfter(long seq) => Convert.ToInt32(Scalar(_connection, "SELECT COUNT(*) FROM frames WHERE seq > $q;", ("$q", seq)), CultureInfo.InvariantCulture);

    /// <summary>Up to <paramref name="max"/> frames after <paramref name="seq"/>, in arrival order.</summary>
    public IReadOnlyList<FeedFrame> FramesAfter(long seq, int max)
    {
        using var command = Command("SELECT seq, source, captured_ms, size, pixels FROM frames WHERE seq > $q ORDER BY seq LIMIT $m;", ("$q", seq), ("$m", max));
        using var reader = command.ExecuteReader();
        var list = new List<FeedFrame>();
        while (reader.Read())
        {
            list.Add(ReadFrame(reader));
        }
        return list;
    }

    /// <summary>Up to <paramref name="max"/> interactions after <paramref name="seq"/>, oldest first.</summary>
    public IReadOnlyList<FeedInteraction> After(long seq, int max)
    {
        using var command = Command("SELECT seq, source, role, content, timestamp, arrived_ms FROM interactions WHERE seq > $q ORDER BY seq LIMIT $m;", ("$q", seq), ("$m", max));
        using var reader = command.ExecuteReader();
        var list = new List<FeedInteraction>();
        while (reader.Read())
        {
            list.Add(new FeedInteraction(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }
        return list;
    }

    /// <summary>Frames captured in [from, to], oldest first.</summary>
    public IReadOnlyList<FeedFrame> Frames(DateTimeOffset from, DateTimeOffset to)
    {
        using var command = Command("SELECT seq, source, captured_ms, size, pixels FROM frames WHERE captured_ms BETWEEN $f AND $t ORDER BY captured_ms, seq;",
            ("$f", from.ToUnixTimeMilliseconds()), ("$t", to.ToUnixTimeMilliseconds()));
        using var reader = command.ExecuteReader();
        var list = new List<FeedFrame>();
        while (reader.Read())
        {
            list.Add(ReadFrame(reader));
        }
        return list;
    }

    private static FeedFrame ReadFrame(SqliteDataReader reader)
    {
        var blob = (byte[])reader.GetValue(4);
        var pixels = new float[blob.Length / sizeof(float)];
        Buffer.BlockCopy(blob, 0, pixels, 0, blob.Length);
        return new FeedFrame(reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetInt32(3), pixels);
    }

    /// <summary>Sequence numbers and capture times of the frames captured in [from, to], oldest first (no pixels read).</summary>
    public IReadOnlyList<(long Seq, DateTimeOffset Captured)> FrameTimes(DateTimeOffset from, DateTimeOffset to)
    {
        using var command = Command("SELECT seq, captured_ms FROM frames WHERE captured_ms BETWEEN $f AND $t ORDER BY captured_ms, seq;",
            ("$f", from.ToUnixTimeMilliseconds()), ("$t", to.ToUnixTimeMilliseconds()));
        using var reader = command.ExecuteReader();
        var list = new List<(long, DateTimeOffset)>();
        while (reader.Read())
        {
            list.Add((reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))));
        }
        return list;
    }

    /// <summary>The frame with sequence number <paramref name="seq"/>, or null when it aged out.</summary>
    public FeedFrame? Frame(long seq)
    {
        using var command = Command("SELECT seq, source, captured_ms, size, pixels FROM frames WHERE seq = $q;", ("$q", seq));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadFrame(reader) : null;
    }

    /// <summary>The watcher's cursor for <paramref name="path"/>, or null when the file was never read.</summary>
    public FeedCursor? Cursor(string path)
    {
        using var command = Command("SELECT offset, head, skipping FROM cursors WHERE path = $p;", ("$p", path));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new FeedCursor(path, reader.GetInt64(0), (byte[])reader.GetValue(1), reader.GetInt64(2) != 0) : null;
    }

    public void SaveCursor(FeedCursor cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        using var command = Command("INSERT INTO cursors (path, offset, head, skipping) VALUES ($p, $o, $h, $s) ON CONFLICT(path) DO UPDATE SET offset = $o, head = $h, skipping = $s;",
            ("$p", cursor.Path), ("$o", cursor.Offset), ("$h", cursor.Head), ("$s", cursor.Skipping ? 1 : 0));
        command.ExecuteNonQuery();
    }

    public FeedBufferStats Stats()
    {
        var interactions = Convert.ToInt32(Scalar(_connection, "SELECT COUNT(*) FROM interactions;"), CultureInfo.InvariantCulture);
        var frames = Convert.ToInt32(Scalar(_connection, "SELECT COUNT(*) FROM frames;"), CultureInfo.InvariantCulture);
        var oldest = Scalar(_connection, "SELECT MIN(a) FROM (SELECT MIN(arrived_ms) a FROM interactions UNION ALL SELECT MIN(arrived_ms) FROM frames);");
        var newest = Scalar(_connection, "SELECT MAX(a) FROM (SELECT MAX(arrived_ms) a FROM interactions UNION ALL SELECT MAX(arrived_ms) FROM frames);");
        return new FeedBufferStats(interactions, frames, TotalBytes(), Time(oldest), Time(newest), Taken, Meta("aged_time"), Meta("aged_size"));
    }

    public void Dispose() => _connection.Dispose();

    // Time first (everything that arrived before now - MaxAge), then size: the oldest entry of either table until under MaxBytes.
    private void AgeOut()
    {
        var cutoff = Now() - (long)_limits.MaxAge.TotalMilliseconds;
        var byTime = Execute(_connection, "DELETE FROM interactions WHERE arrived_ms < $c;", ("$c", cutoff)) + Execute(_connection, "DELETE FROM frames WHERE arrived_ms < $c;", ("$c", cutoff));
        var bySize = 0;
        for (var total = TotalBytes(); total > _limits.MaxBytes; total = TotalBytes())
        {
            var oldestText = Scalar(_connection, "SELECT MIN(arrived_ms * 1000000 + seq) FROM interactions;");
            var oldestFrame = Scalar(_connection, "SELECT MIN(arrived_ms * 1000000 + seq) FROM frames;");
            var text = oldestFrame is DBNull || (oldestText is not DBNull && Convert.ToInt64(oldestText, CultureInfo.InvariantCulture) <= Convert.ToInt64(oldestFrame, CultureInfo.InvariantCulture));
            bySize += Execute(_connection, text
                ? "DELETE FROM interactions WHERE seq = (SELECT seq FROM interactions ORDER BY arrived_ms, seq LIMIT 1);"
                : "DELETE FROM frames WHERE seq = (SELECT seq FROM frames ORDER BY arrived_ms, seq LIMIT 1);");
        }
        if (byTime > 0)
        {
            SetMeta("aged_time", Meta("aged_time") + byTime);
        }
        if (bySize > 0)
        {
            SetMeta("aged_size", Meta("aged_size") + bySize);
        }
    }

    private long TotalBytes() => Convert.ToInt64(Scalar(_connection, "SELECT (SELECT COALESCE(SUM(bytes), 0) FROM interactions) + (SELECT COALESCE(SUM(bytes), 0) FROM frames);"), CultureInfo.InvariantCulture);

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static DateTimeOffset? Time(object? ms) => ms is null or DBNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(ms, CultureInfo.InvariantCulture));

    private long Meta(string key) => Scalar(_connection, "SELECT value FROM meta WHERE key = $k;", ("$k", key)) is long v ? v : 0;

    private void SetMeta(string key, long value) =>
        Execute(_connection, "INSERT INTO meta (key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = $v;", ("$k", key), ("$v", value));

    private long Insert(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private SqliteCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }

    private static int Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command.ExecuteScalar();
    }
}
