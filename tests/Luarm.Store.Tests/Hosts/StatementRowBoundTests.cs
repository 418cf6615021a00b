using Luarm.Store.Access;
using Luarm.Store.Errors;
using Luarm.Store.Facts;
using Luarm.Testing;
using MySqlConnector;
using static Luarm.Store.Tests.Hosts.HostSql;

namespace Luarm.Store.Tests.Hosts;

/// <summary>A host account adds at most 50,000 rows in one statement (migration 0016, counted per account since 0018), tried against the real MariaDB.</summary>
public sealed class StatementRowBoundTests : IAsyncLifetime
{
    private const int Bound = 50_000;
    private static readonly DateTime T0 = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private TwoHosts _hosts = null!;

    public async Task InitializeAsync() => _hosts = await TwoHosts.CreateAsync();

    public async Task DisposeAsync() => await _hosts.DisposeAsync();

    [Fact]
    public async Task A_200_byte_statement_asking_for_a_million_rows_is_refused_as_data_and_adds_none()
    {
        await using var host = await OpenAsync(_hosts.Web01.AgentConnection!);
        // The host lifts every limit it may lift on its own session.
        await ExecuteAsync(host, "SET SESSION max_recursive_iterations = 2000000");

        var refused = await Assert.ThrowsAsync<MySqlException>(() => ExecuteAsync(host, RecursiveInsert(1_000_000)));

        Assert.Equal("22003", refused.SqlState);
        Assert.Contains("at most 50000 rows in one statement", refused.Message);
        Assert.True(StoreFaults.IsRefusedData(refused));
        Assert.Equal(0, await ProcessRowsAsync());
    }

    [Fact]
    public async Task The_bound_counts_rows_of_one_statement_so_50000_pass_and_50001_do_not()
    {
        await using var host = await OpenAsync(_hosts.Web01.AgentConnection!);
        await using var transaction = await host.BeginTransactionAsync();

        await ExecuteAsync(host, CrossJoinInsert(Bound), transaction);
        await ExecuteAsync(host, CrossJoinInsert(Bound), transaction);
        await Assert.ThrowsAsync<MySqlException>(() => ExecuteAsync(host, CrossJoinInsert(Bound + 1), transaction));
        await transaction.CommitAsync();

        Assert.Equal(2 * Bound, await ProcessRowsAsync());
    }

    /// <summary>
    /// Both connections count into the host's one counter row: each statement
    /// must be counted on its own, neither reset by the other midway (which
    /// would let 50,001 through) nor added to it (which would refuse 50,000).
    /// </summary>
    [Fact]
    public async Task Two_connections_of_one_host_at_once_each_have_their_own_statement_counted()
    {
        await using var first = await OpenAsync(_hosts.Web01.AgentConnection!);
        await using var second = await OpenAsync(_hosts.Web01.AgentConnection!);

        await Task.WhenAll(ExecuteAsync(first, CrossJoinInsert(Bound)), ExecuteAsync(second, CrossJoinInsert(Bound)));
        var tooMany = ExecuteAsync(first, CrossJoinInsert(Bound + 1));
        var passing = ExecuteAsync(second, CrossJoinInsert(Bound));
        var refused = await Assert.ThrowsAsync<MySqlException>(() => tooMany);
        await passing;

        Assert.Equal("22003", refused.SqlState);
        Assert.Equal(new Dictionary<int, long> { [_hosts.Web01.HostId] = 3 * Bound }, await ProcessRowsByHostAsync(_hosts.Test));
    }

    [Fact]
    public async Task An_agent_chunk_of_5000_rows_passes_for_each_host()
    {
        var chunk = Enumerable.Range(1, 5_000).Select(pid => new ProcessFact
        {
            Username = "nobody",
            Pid = pid,
            Ppid = 1,
            Command = "/usr/bin/perl",
            Arguments = "./x",
            Cwd = "/tmp",
            Created = T0.AddSeconds(pid),
        }).ToArray();

        Assert.Equal(5_000, await new FactWriter(FactStore.Open(_hosts.Web01.AgentConnection!)).AppendAsync(chunk));
        Assert.Equal(5_000, await new FactWriter(FactStore.Open(_hosts.Db01.AgentConnection!)).AppendAsync(chunk));

        Assert.Equal(10_000, await ProcessRowsAsync());
    }

    /// <summary>The admin account owns the schema and could drop the bound anyway; bulk loads and copies go through it.</summary>
    [Fact]
    public async Task The_admin_account_is_not_bounded()
    {
        await using var admin = await OpenAsync(((MySqlStore)_hosts.Test.Store).Settings.ConnectionString);

        await ExecuteAsync(admin, CrossJoinInsert(Bound + 10_000));

        Assert.Equal(Bound + 10_000, await ProcessRowsAsync());
    }

    private static string RecursiveInsert(int rows) =>
        $"INSERT INTO psinfo (hostid, username, pid, ppid, command, arguments, created) WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {rows}) SELECT 0, 'x', i, 1, 'c', 'a', NOW() FROM s";

    private async Task<long> ProcessRowsAsync() => (await ProcessRowsByHostAsync(_hosts.Test)).Values.Sum();
}
