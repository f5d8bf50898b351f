// One SQLite database per node home (node.db): WAL journal, synchronous=FULL so a saved salt survives power loss,
// and a schema version in PRAGMA user_version checked on open, so an old binary never misreads a newer layout.
using Microsoft.Data.Sqlite;

namespace Autonet.Node.State;

/// <summary>The node's durable key-value state (table <c>state(key, value, updated)</c>).</summary>
public sealed class NodeDatabase : IDisposable
{
    public const int SchemaVersion = 1;
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    private NodeDatabase(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Opens (creating when absent) the database at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file has another schema version than this node's.</exception>
    public static NodeDatabase Open(string path)
    {
        SQLitePCL.Batteries_V2.Init();
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        connection.Open();
        try
        {
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, "PRAGMA synchronous=FULL;");
            var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
            if (version == 0)
            {
                Execute(connection, "CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL, updated TEXT NOT NULL);");
                Execute(connection, $"PRAGMA user_version={SchemaVersion};");
            }
            else if (version != SchemaVersion)
            {
                throw new InvalidDataException($"node database '{path}' has schema version {version}; this node reads version {SchemaVersion}");
            }
            return new NodeDatabase(connection, path);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public string? Get(string key)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT value FROM state WHERE key = $key;";
            command.Parameters.AddWithValue("$key", key);
            return command.ExecuteScalar() as string;
        }
    }

    public void Put(string key, string value)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO state(key, value, updated) VALUES($key, $value, $updated) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated = excluded.updated;";
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", value);
            command.Parameters.AddWithValue("$updated", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Keys starting with <paramref name="prefix"/>, sorted.</summary>
    public IReadOnlyList<string> Keys(string prefix)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT key FROM state WHERE substr(key, 1, length($prefix)) = $prefix ORDER BY key;";
            command.Parameters.AddWithValue("$prefix", prefix);
            using var reader = command.ExecuteReader();
            var keys = new List<string>();
            while (reader.Read())
            {
                keys.Add(reader.GetString(0));
            }
            return keys;
        }
    }

    public void Dispose() => _connection.Dispose();

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
