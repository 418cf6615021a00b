using Luarm.Store.Access;
using Luarm.Store.Facts;
using Luarm.Testing;

namespace Luarm.Cli.Tests;

public sealed class SchemaAndSqlCommandTests
{
    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Schema_migrate_applies_once_then_reports_nothing_to_do(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect, migrate: false);

        var first = await LuarmRun.Of("schema", "migrate", "--store", test.ConnectionString);
        var second = await LuarmRun.Of("schema", "migrate", "--store", test.ConnectionString);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("applied 0001 fact_tables", first.Output);
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("applied", second.Output);
        Assert.Contains("(nothing to do)", second.Output);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Sql_prints_rows_like_the_mysql_console(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        await new FactWriter(test.Store).AppendAsync(IncidentDataset.Endpoints);

        var grid = await LuarmRun.Of("sql", "--store", test.ConnectionString,
            "select application,username,pid from netinfo where destfqdn='dana.basefreak.nl' LIMIT 2;");
        var vertical = await LuarmRun.Of("sql", "--store", test.ConnectionString,
            "select sourceport,destport from netinfo where username='nobody' AND pid='29312' \\G");

        Assert.Equal(0, grid.ExitCode);
        Assert.Equal(
            """
            +-------------+----------+------+
            | application | username | pid  |
            +-------------+----------+------+
            | crond       | nobody   | 7371 |
            | crond       | nobody   | 7371 |
            +-------------+----------+------+
            """.ReplaceLineEndings("\n"),
            string.Join('\n', grid.Output.Split('\n').Take(6)));
        Assert.Matches(@"2 rows in set \(\d+\.\d\d sec\)", grid.Output);
        var bot = IncidentDataset.Endpoints.Count(e => e.Pid == 29312);
        Assert.Contains($"*************************** {bot}. row ***************************\nsourceport: 0\n  destport: 0\n", vertical.Output);
        Assert.Contains($"{bot} rows in set", vertical.Output);
    }

    [Fact]
    public async Task Sql_reports_a_bad_statement_in_one_line()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);

        var run = await LuarmRun.Of("sql", "--store", test.ConnectionString, "selec * from psinfo");

        Assert.Contains("syntax error", run.SingleErrorLine(ExitCodes.Config));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_store_without_tables_says_to_migrate(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect, migrate: false);

        var run = await LuarmRun.Of("sql", "--store", test.ConnectionString, "select count(*) from netinfo");

        Assert.Contains("run 'luarm schema migrate'", run.SingleErrorLine(ExitCodes.Config));
    }

    [Fact]
    public async Task An_unreachable_server_is_one_line_and_a_non_zero_exit()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var run = await LuarmRun.Of("schema", "migrate", "--store", $"Server=127.0.0.1;Port={port};Database=luarm;User ID=luarm;Password=x");

        Assert.StartsWith($"luarm: cannot reach MariaDB 127.0.0.1:{port}/luarm", run.SingleErrorLine(ExitCodes.Config));
    }

    [Fact]
    public async Task A_malformed_connection_string_is_one_line()
    {
        var run = await LuarmRun.Of("sql", "--store", "Server=127.0.0.1;Port=;Database", "select 1");

        Assert.Contains("store.connection", run.SingleErrorLine(ExitCodes.Config));
    }
}
