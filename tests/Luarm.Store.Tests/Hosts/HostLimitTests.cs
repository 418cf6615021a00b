using Luarm.Store.Access;
using Luarm.Store.Errors;
using Luarm.Store.Facts;
using Luarm.Store.Hosts;
using Luarm.Testing;
using MySqlConnector;

namespace Luarm.Store.Tests.Hosts;

/// <summary>Limits the server enforces on host accounts, tried against the real MariaDB.</summary>
public sealed class HostLimitTests : IAsyncLifetime
{
    private static readonly DateTime T0 = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private TestStore _test = null!;
    private readonly List<string> _hosts = [];

    public async Task InitializeAsync() => _test = await TestStore.CreateAsync(StoreDialect.MySql);

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await new HostRegistry(_test.Store).RemoveAsync(host);
        }
        await _test.DisposeAsync();
    }

    [Fact]
    public async Task A_host_account_holds_at_most_its_connections_and_the_other_hosts_still_connect()
    {
        var web01 = await AddAsync("web01");
        var db01 = await AddAsync("db01");
        var held = new List<MySqlConnection>();
        try
        {
            for (var i = 0; i < HostAccountLimits.DefaultMaxConnections; i++)
            {
                held.Add(await OpenAsync(web01.AgentConnection!));
            }

            var refused = await Assert.ThrowsAsync<MySqlException>(() => OpenAsync(web01.AgentConnection!));
            Assert.Equal(MySqlErrorCode.UserLimitReached, refused.ErrorCode);
            await using var other = await OpenAsync(db01.AgentConnection!);
            Assert.Equal(1, await new FactWriter(FactStore.Open(db01.AgentConnection!)).AppendAsync([Process(arguments: "ok")]));
        }
        finally
        {
            foreach (var connection in held)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_connection_limit_is_configurable()
    {
        var web01 = await new HostRegistry(_test.Store).AddAsync("web01", limits: new HostAccountLimits(MaxConnections: 1));
        _hosts.Add("web01");
        await using var first = await OpenAsync(web01.AgentConnection!);

        var refused = await Assert.ThrowsAsync<MySqlException>(() => OpenAsync(web01.AgentConnection!));

        Assert.Equal(MySqlErrorCode.UserLimitReached, refused.ErrorCode);
    }

    [Fact]
    public async Task A_host_that_requires_tls_is_refused_without_it()
    {
        var web01 = await new HostRegistry(_test.Store).AddAsync("web01", limits: new HostAccountLimits(RequireTls: true));
        _hosts.Add("web01");
        Assert.Equal(MySqlSslMode.Required, new MySqlConnectionStringBuilder(web01.AgentConnection!).SslMode);
        var plain = new MySqlConnectionStringBuilder(web01.AgentConnection!) { SslMode = MySqlSslMode.None }.ConnectionString;

        var refused = await Assert.ThrowsAsync<MySqlException>(() => OpenAsync(plain));

        Assert.Equal(MySqlErrorCode.AccessDenied, refused.ErrorCode);
        var grants = await new SqlQuery(_test.Store).RunAsync($"SHOW GRANTS FOR '{(await new HostRegistry(_test.Store).FindAsync("web01"))!.Account}'@'%'");
        Assert.Contains(grants.Rows, row => row.Any(cell => cell?.ToString()?.Contains("REQUIRE SSL", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task The_server_cuts_oversized_text_with_a_marker_and_keeps_the_row()
    {
        var web01 = await AddAsync("web01");
        var arguments = new string('A', 2 * 1024 * 1024);
        var command = "/usr/bin/" + new string('c', 10_000);

        await new FactWriter(FactStore.Open(web01.AgentConnection!)).AppendAsync([Process(arguments, command)]);

        var stored = Assert.Single(await new FactReader(_test.Store).ReadAfterAsync<ProcessFact>(0, 10));
        Assert.Equal(new string('A', 65_536) + $" [luarm: cut {arguments.Length - 65_536} characters]", stored.Arguments);
        Assert.Equal(command[..4096] + $" [luarm: cut {command.Length - 4096} characters]", stored.Command);
        Assert.Equal("/tmp", stored.Cwd);
    }

    [Theory]
    [InlineData("\U0001F600", 65_537)]
    [InlineData("\u00e9", 100_000)]
    [InlineData("x", 65_536)]
    [InlineData("\r\n\u001b[2J", 30_000)]
    public async Task Arguments_are_cut_at_65536_characters_whatever_they_are_made_of(string unit, int repeats)
    {
        var web01 = await AddAsync("web01");
        var arguments = string.Concat(Enumerable.Repeat(unit, repeats));

        await new FactWriter(FactStore.Open(web01.AgentConnection!)).AppendAsync([Process(arguments)]);

        var stored = Assert.Single(await new FactReader(_test.Store).ReadAfterAsync<ProcessFact>(0, 10)).Arguments;
        // The server counts code points: a surrogate pair is one character, \r\n two.
        var codePoints = arguments.EnumerateRunes().Count();
        if (codePoints <= 65_536)
        {
            Assert.Equal(arguments, stored);
        }
        else
        {
            var kept = string.Concat(arguments.EnumerateRunes().Take(65_536).Select(r => r.ToString()));
            Assert.Equal(kept + $" [luarm: cut {codePoints - 65_536} characters]", stored);
        }
    }

    [Fact]
    public async Task A_device_end_still_matches_a_device_whose_description_was_cut()
    {
        var web01 = await AddAsync("web01");
        var agent = new FactWriter(FactStore.Open(web01.AgentConnection!));
        // TEXT holds 64 KiB; a longer value is refused by strict mode before any trigger sees it.
        var description = new string('d', 60_000);

        await agent.AppendAsync([new DeviceFact { DevBus = "usb", DevString = description, Created = T0 }]);
        await agent.AppendAsync([new Ends.DeviceEnd { DevBus = "usb", DevString = description, Destroyed = T0.AddMinutes(1) }]);

        var stored = Assert.Single(await new FactReader(_test.Store).ReadAfterAsync<DeviceFact>(0, 10));
        Assert.Equal(T0.AddMinutes(1), stored.Destroyed);
        Assert.StartsWith(new string('d', 4096) + " [luarm: cut", stored.DevString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StoreDialect.MySql)]
    [InlineData(StoreDialect.Sqlite)]
    public async Task Host_names_differing_only_in_case_are_one_host(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var registry = new HostRegistry(test.Store);
        await registry.AddAsync("web01");
        try
        {
            var again = await Assert.ThrowsAsync<StoreException>(() => registry.AddAsync("WEB01"));
            Assert.Contains("already registered as 'web01'", again.Message);
            // The store itself refuses it too, whoever writes.
            await Assert.ThrowsAsync<StoreException>(() => new SqlQuery(test.Store).RunAsync(
                "INSERT INTO hosts (hostname, added) VALUES ('Web01', '2026-01-01 00:00:00')"));
            Assert.Equal("web01", Assert.Single(await registry.ListAsync()).Hostname);
            Assert.Equal("web01", (await registry.FindAsync("WeB01"))?.Hostname);
        }
        finally
        {
            await registry.RemoveAsync("WEB01");
        }
        Assert.Empty(await registry.ListAsync());
    }

    private async Task<HostRegistration> AddAsync(string hostname)
    {
        var added = await new HostRegistry(_test.Store).AddAsync(hostname);
        _hosts.Add(hostname);
        return added;
    }

    private static async Task<MySqlConnection> OpenAsync(string connectionString)
    {
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static ProcessFact Process(string arguments, string command = "/usr/bin/perl") => new()
    {
        Username = "nobody",
        Pid = 29312,
        Ppid = 8343,
        Command = command,
        Arguments = arguments,
        Cwd = "/tmp",
        Created = T0,
    };
}
