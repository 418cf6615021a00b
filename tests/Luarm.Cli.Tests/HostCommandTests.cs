using Luarm.Store.Access;
using Luarm.Store.Facts;
using Luarm.Testing;

namespace Luarm.Cli.Tests;

public sealed class HostCommandTests
{
    [Fact]
    public async Task Host_add_prints_a_working_append_only_connection_string_once()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.MySql);

        var added = await LuarmRun.Of("host", "add", "web01", "--store", test.ConnectionString);
        var listed = await LuarmRun.Of("host", "list", "--store", test.ConnectionString);

        Assert.Equal(0, added.ExitCode);
        var agentConnection = added.Output.Split('\n').Single(l => l.StartsWith("Server=", StringComparison.Ordinal));
        await new FactWriter(FactStore.Open(agentConnection)).AppendAsync([new ProcessFact
        {
            Username = "nobody", Pid = 1, Command = "/bin/sh", Arguments = "", Created = DateTime.UtcNow,
        }]);
        Assert.Contains("web01", listed.Output);
        Assert.DoesNotContain("Password", listed.Output);
        var removed = await LuarmRun.Of("host", "remove", "web01", "--store", test.ConnectionString);
        Assert.Equal(0, removed.ExitCode);
        Assert.DoesNotContain("web01", (await LuarmRun.Of("host", "list", "--store", test.ConnectionString)).Output);
    }

    [Fact]
    public async Task Host_add_sets_the_accounts_connection_limit_and_tls_requirement()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.MySql);

        var added = await LuarmRun.Of("host", "add", "web01", "--max-connections", "1", "--require-tls", "--store", test.ConnectionString);

        Assert.Equal(0, added.ExitCode);
        var agentConnection = added.Output.Split('\n').Single(l => l.StartsWith("Server=", StringComparison.Ordinal));
        Assert.Contains("SSL Mode=Required", agentConnection, StringComparison.OrdinalIgnoreCase);
        var account = (await new SqlQuery(test.Store).RunAsync("SELECT account FROM hosts")).Rows.Single()[0];
        var user = (await new SqlQuery(test.Store).RunAsync($"SELECT max_user_connections, ssl_type FROM mysql.user WHERE user = '{account}'")).Rows.Single();
        Assert.Equal(("1", "ANY"), (user[0]?.ToString(), user[1]?.ToString()));
        Assert.Equal(0, (await LuarmRun.Of("host", "remove", "web01", "--store", test.ConnectionString)).ExitCode);
    }

    [Fact]
    public async Task Host_add_on_sqlite_numbers_the_host_without_an_account()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);

        var added = await LuarmRun.Of("host", "add", "laptop", "--store", test.ConnectionString);

        Assert.Equal(0, added.ExitCode);
        Assert.Contains("host laptop registered as hostid 1", added.Output);
        Assert.DoesNotContain("Server=", added.Output);
    }

    [Theory]
    [InlineData("add", "bad name", ExitCodes.Usage)]
    [InlineData("add", "-rf", ExitCodes.Usage)]
    [InlineData("remove", "bad\u001b]0;x\u0007name", ExitCodes.Usage)]
    [InlineData("remove", "ghost", ExitCodes.Usage)]
    public async Task Bad_host_arguments_are_one_line(string verb, string hostname, int exitCode)
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);

        var run = await LuarmRun.Of("host", verb, "--store", test.ConnectionString, "--", hostname);

        Assert.StartsWith("luarm: ", run.SingleErrorLine(exitCode));
    }
}
