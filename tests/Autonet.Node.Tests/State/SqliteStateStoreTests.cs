using Autonet.Core.Ids;
using Autonet.Node.State;
using Autonet.Protocol.Roles;
using Microsoft.Data.Sqlite;

namespace Autonet.Node.Tests.State;

public sealed class SqliteStateStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("autonet-db-").FullName;

    private string DbPath => Path.Combine(_dir, "node.db");

    [Fact]
    public async Task LoadAsync_AfterReopen_ReturnsSavedSolverState()
    {
        var salt = new Hash32(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var saved = new SolverTaskState(7, SolverPhase.Committing, ContentId.Of("delta"u8), salt, Commitment.ForSolution(7, Address.Zero, ContentId.Of("delta"u8), salt), "trained");
        using (var db = NodeDatabase.Open(DbPath))
        {
            await new SqliteStateStore<SolverTaskState>(db).SaveAsync("solver/7", saved, CancellationToken.None);
        } // the process "crashes" here: nothing but the file remains

        using var reopened = NodeDatabase.Open(DbPath);
        var loaded = await new SqliteStateStore<SolverTaskState>(reopened).LoadAsync("solver/7", CancellationToken.None);

        Assert.Equal(saved, loaded);
        Assert.Null(await new SqliteStateStore<SolverTaskState>(reopened).LoadAsync("solver/8", CancellationToken.None));
    }

    [Fact]
    public void Open_NewDatabase_UsesWalJournal()
    {
        using var db = NodeDatabase.Open(DbPath);
        using var connection = new SqliteConnection($"Data Source={DbPath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", command.ExecuteScalar() as string);
    }

    [Fact]
    public void Open_OtherSchemaVersion_ThrowsNamingBothVersions()
    {
        using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version=99;";
            command.ExecuteNonQuery();
        }

        var e = Assert.Throws<InvalidDataException>(() => NodeDatabase.Open(DbPath));

        Assert.Contains("schema version 99", e.Message, StringComparison.Ordinal);
        Assert.Contains($"version {NodeDatabase.SchemaVersion}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_CorruptRow_ThrowsNamingKey()
    {
        using var db = NodeDatabase.Open(DbPath);
        db.Put("solver/1", "{not json");

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => new SqliteStateStore<SolverTaskState>(db).LoadAsync("solver/1", CancellationToken.None));

        Assert.Contains("solver/1", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
