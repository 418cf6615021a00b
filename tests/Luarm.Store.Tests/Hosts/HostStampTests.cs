using Luarm.Store.Access;
using Luarm.Store.Facts;
using Luarm.Store.Hosts;
using Luarm.Store.Schema;
using Luarm.Testing;
using MySqlConnector;
using static Luarm.Store.Tests.Hosts.HostSql;

namespace Luarm.Store.Tests.Hosts;

/// <summary>
/// Which hostid the server stamps on a host account's rows, and which accounts it
/// refuses, since migration 0018 took both from account_statement_rows (real MariaDB).
/// </summary>
public sealed class HostStampTests : IAsyncLifetime
{
    private const string NotRegistered = "luarm: this account is not a registered host";
    private TwoHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await TwoHosts.CreateAsync();

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    [Fact]
    public async Task A_host_registered_before_0018_appends_under_its_hostid_after_the_upgrade()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.MySql, migrate: false);
        await ApplyThroughAsync(test, 17);
        var registry = new HostRegistry(test.Store);
        var early = await registry.AddAsync("early01");
        var later = await registry.AddAsync("later01");
        try
        {
            Assert.Contains(18, (await new Migrator(test.Store).MigrateAsync()).Select(m => m.Version));

            await new FactWriter(FactStore.Open(later.AgentConnection!)).AppendAsync([HostAccountTests.Process(hostId: early.HostId)]);
            await new FactWriter(FactStore.Open(early.AgentConnection!)).AppendAsync([HostAccountTests.Process(hostId: later.HostId), HostAccountTests.Process(hostId: 0)]);

            Assert.Equal(new Dictionary<int, long> { [early.HostId] = 2, [later.HostId] = 1 }, await ProcessRowsByHostAsync(test));
        }
        finally
        {
            await registry.RemoveAsync("early01");
            await registry.RemoveAsync("later01");
        }
    }

    /// <summary>
    /// `host remove` drops the account and ends its sessions, then marks the host
    /// removed; here only the mark is made, so the session stays open, and the
    /// server alone must refuse it.
    /// </summary>
    [Fact]
    public async Task A_session_still_open_when_its_host_is_marked_removed_adds_nothing()
    {
        var account = (await new HostRegistry(_hosts.Test.Store).FindAsync("web01"))!.Account!;
        await using var agent = await OpenAsync(_hosts.Web01.AgentConnection!);
        await ExecuteAsync(agent, CrossJoinInsert(1));
        await AsAdminAsync($"UPDATE hosts SET account = NULL, removed = NOW(6) WHERE hostid = {_hosts.Web01.HostId}");
        try
        {
            var refused = await Assert.ThrowsAsync<MySqlException>(() => ExecuteAsync(agent, CrossJoinInsert(1)));

            Assert.Equal(("45000", NotRegistered), (refused.SqlState, refused.Message));
            Assert.Equal(new Dictionary<int, long> { [_hosts.Web01.HostId] = 1 }, await ProcessRowsByHostAsync(_hosts.Test));
        }
        finally
        {
            await new MySqlHostAccounts((MySqlStore)_hosts.Test.Store).DropAsync(account, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_host_added_again_after_removal_appends_under_its_old_hostid_with_its_new_account()
    {
        var registry = new HostRegistry(_hosts.Test.Store);
        Assert.True(await registry.RemoveAsync("web01"));

        var again = await registry.AddAsync("web01");
        await new FactWriter(FactStore.Open(again.AgentConnection!)).AppendAsync([HostAccountTests.Process(hostId: 0)]);

        Assert.Equal(_hosts.Web01.HostId, again.HostId);
        Assert.Equal(new Dictionary<int, long> { [_hosts.Web01.HostId] = 1 }, await ProcessRowsByHostAsync(_hosts.Test));
    }

    [Fact]
    public async Task An_account_named_like_a_host_account_but_not_registered_is_refused()
    {
        var store = (MySqlStore)_hosts.Test.Store;
        var accounts = new MySqlHostAccounts(store);
        var stray = MySqlHostAccounts.NewAccountName();
        var connection = await accounts.CreateAsync(stray, null, HostAccountLimits.Default, CancellationToken.None);
        try
        {
            await using var agent = await OpenAsync(connection);

            var refused = await Assert.ThrowsAsync<MySqlException>(() => ExecuteAsync(agent, CrossJoinInsert(1)));

            Assert.Equal(("45000", NotRegistered), (refused.SqlState, refused.Message));
            Assert.Empty(await ProcessRowsByHostAsync(_hosts.Test));
        }
        finally
        {
            await accounts.DropAsync(stray, CancellationToken.None);
        }
    }

    /// <summary>
    /// The stamping function passes the hostid through LAST_INSERT_ID, which a host
    /// may set itself; a user variable was the other way considered. Neither, set
    /// before the statement or per row inside it, reaches the stamp.
    /// </summary>
    [Theory]
    [InlineData("SET @'luarm_hostid' = {0}", "@'luarm_hostid' := {0}")]
    [InlineData("SET @luarm_hostid = {0}", "@luarm_hostid := {0}")]
    [InlineData("DO LAST_INSERT_ID({0})", "LAST_INSERT_ID({0})")]
    public async Task A_host_setting_the_hostid_it_would_be_handed_still_gets_its_own(string before, string perRow)
    {
        var other = _hosts.Db01.HostId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var connection = new MySqlConnectionStringBuilder(_hosts.Web01.AgentConnection!) { AllowUserVariables = true }.ConnectionString;
        await using var agent = await OpenAsync(connection);
        await ExecuteAsync(agent, before.Replace("{0}", other));

        await ExecuteAsync(agent,
            "INSERT INTO psinfo (hostid, username, pid, ppid, command, arguments, created) " +
            "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 100) " +
            $"SELECT {other}, 'x', i, 1, 'c', 'a', NOW() FROM s WHERE ({perRow.Replace("{0}", other)}) = {other}");

        Assert.Equal(new Dictionary<int, long> { [_hosts.Web01.HostId] = 100 }, await ProcessRowsByHostAsync(_hosts.Test));
    }

    private async Task AsAdminAsync(string sql)
    {
        await using var admin = await OpenAsync(_hosts.Test.ConnectionString);
        await ExecuteAsync(admin, sql);
    }

    /// <summary>The store as it was before the newer migrations: scripts applied and recorded up to <paramref name="version"/>.</summary>
    private static async Task ApplyThroughAsync(TestStore test, int version)
    {
        var migrator = new Migrator(test.Store);
        await migrator.CurrentVersionAsync(); // creates the version table
        await using var admin = await OpenAsync(test.ConnectionString);
        foreach (var migration in MigrationScripts.For(StoreDialect.MySql).Where(m => m.Version <= version))
        {
            await ExecuteAsync(admin, migration.Script);
            await ExecuteAsync(admin, $"INSERT INTO schemaversion (version, name, applied) VALUES ({migration.Version}, '{migration.Name}', 'test')");
        }
        Assert.Equal(version, await migrator.CurrentVersionAsync());
    }
}
