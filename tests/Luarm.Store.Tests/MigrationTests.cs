using Luarm.Store.Access;
using Luarm.Store.Schema;
using Luarm.Testing;

namespace Luarm.Store.Tests;

public sealed class MigrationTests
{
    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Migrating_twice_applies_everything_once(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect, migrate: false);
        var migrator = new Migrator(test.Store);

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.Equal(MigrationScripts.For(dialect).Select(m => m.Version), first.Select(m => m.Version));
        Assert.Empty(second);
        Assert.Equal(first[^1].Version, await migrator.CurrentVersionAsync());
        var recorded = await new SqlQuery(test.Store).RunAsync("select count(*) from schemaversion");
        Assert.Equal(first.Count, Convert.ToInt32(recorded.Rows.Single()[0]));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_migration_cut_short_is_finished_by_the_next_run(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        await new SqlQuery(test.Store).RunAsync("delete from schemaversion where version > 1");

        var reapplied = await new Migrator(test.Store).MigrateAsync();

        Assert.Equal(MigrationScripts.For(dialect).Skip(1).Select(m => m.Version), reapplied.Select(m => m.Version));
    }

    [Fact]
    public void Both_dialects_have_the_same_numbered_migrations()
    {
        var mysql = MigrationScripts.For(StoreDialect.MySql).Select(m => (m.Version, m.Name));
        var sqlite = MigrationScripts.For(StoreDialect.Sqlite).Select(m => (m.Version, m.Name));
        Assert.Equal(mysql, sqlite);
        Assert.NotEmpty(mysql);
    }
}
