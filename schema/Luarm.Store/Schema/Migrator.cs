using Dapper;
using Luarm.Store.Access;
using Luarm.Store.Hosts;

namespace Luarm.Store.Schema;

/// <summary>
/// Applies the dialect's numbered migrations that the <c>schemaversion</c> table
/// does not list yet. Scripts are themselves idempotent (IF NOT EXISTS; on SQLite,
/// see <see cref="SqliteAddColumns"/>), so a run
/// cut short is finished by the next one.
/// </summary>
public sealed class Migrator(FactStore store)
{
    private const string VersionTable = """
        CREATE TABLE IF NOT EXISTS schemaversion (
          version INTEGER NOT NULL PRIMARY KEY,
          name    VARCHAR(255) NOT NULL,
          applied VARCHAR(32) NOT NULL
        )
        """;

    /// <summary>Applies what is missing and returns it, oldest first (empty when up to date).</summary>
    public async Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancel = default)
    {
        var applied = await ApplyMissingAsync(cancel);
        if (applied.Count > 0)
        {
            // A migration may add an appendable table: existing host accounts need INSERT on it too.
            await new HostRegistry(store).RefreshGrantsAsync(cancel);
        }
        return applied;
    }

    private Task<IReadOnlyList<Migration>> ApplyMissingAsync(CancellationToken cancel) =>
        store.RunAsync<IReadOnlyList<Migration>>(async connection =>
        {
            await connection.ExecuteAsync(new CommandDefinition(VersionTable, cancellationToken: cancel));
            var applied = (await connection.QueryAsync<int>("SELECT version FROM schemaversion")).ToHashSet();
            var missing = MigrationScripts.For(store.Dialect).Where(m => !applied.Contains(m.Version)).ToArray();
            foreach (var migration in missing)
            {
                var script = store.Dialect == StoreDialect.Sqlite
                    ? await SqliteAddColumns.WithoutExistingAsync(connection, migration.Script, cancel)
                    : migration.Script;
                await connection.ExecuteAsync(new CommandDefinition(script, cancellationToken: cancel));
                await connection.ExecuteAsync(
                    "INSERT INTO schemaversion (version, name, applied) VALUES (@Version, @Name, @Applied)",
                    new { migration.Version, migration.Name, Applied = StoreTime.ToText(DateTime.UtcNow) });
            }
            return missing;
        }, cancel);

    /// <summary>The newest applied version, 0 for an empty store.</summary>
    public Task<int> CurrentVersionAsync(CancellationToken cancel = default) =>
        store.RunAsync(async connection =>
        {
            await connection.ExecuteAsync(new CommandDefinition(VersionTable, cancellationToken: cancel));
            return await connection.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM schemaversion") ?? 0;
        }, cancel);
}
