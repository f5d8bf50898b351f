// One SQLite database per node home (node.db): WAL journal, synchronous=FULL so a saved salt survives power loss,
// and a schema version in PRAGMA user_version checked on open, so an old binary never misreads a newer layout.
// Version 2 adds the transactions table (TransactionJournal: signed transactions kept until mined); a version 1 file
// is upgraded in place on open. Several processes may open one file (WAL; SQLite's busy wait, up to 30 s).
using Microsoft.Data.Sqlite;

namespace Autonet.Node.State;

/// <summary>The node's durable key-value state (table <c>state(key, value, updated)</c>).</summary>
public sealed class NodeDatabase : IDisposable
{
    public const int SchemaVersion = 2;
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
            if (version is 0 or 1)
            {
                Execute(connection, "CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL, updated TEXT NOT NULL);");
                Execute(connection, "CREATE TABLE IF NOT EXISTS transactions (hash TEXT PRIMARY KEY NOT NULL, sender TEXT NOT NULL, nonce TEXT NOT NULL, raw TEXT NOT NULL, recorded TEXT NOT NULL);");
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

    /// <summary>Runs one statement with named parameters ($name); returns the rows changed.</summary>
    internal int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = Command(sql, parameters);
            return command.ExecuteNonQuery();
        }
    }

    /// <summary>Runs one query with named parameters; every column of every row as text.</summary>
    internal IReadOnlyList<string[]> Query(string sql, params (string Name, object Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = Command(sql, parameters);
            using var reader = command.ExecuteReader();
            var rows = new List<string[]>();
            while (reader.Read())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
            }
            return rows;
        }
    }

    private SqliteCommand Command(string sql, (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
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
