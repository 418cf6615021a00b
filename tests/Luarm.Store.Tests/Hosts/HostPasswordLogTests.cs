using Luarm.Store.Access;
using Luarm.Store.Hosts;
using Luarm.Store.Schema;
using Luarm.Testing.Peers;
using MySqlConnector;

namespace Luarm.Store.Tests.Hosts;

/// <summary>A host's password never reaches the server's logs (a private MariaDB whose general log we may switch on).</summary>
public sealed class HostPasswordLogTests
{
    [Fact]
    public async Task Adding_a_host_sends_only_the_password_hash_to_the_server()
    {
        await using var server = await PrivateMariaDb.StartAsync();
        var store = FactStore.Open(await server.CreateDatabaseAsync());
        await new Migrator(store).MigrateAsync();
        await server.ExecuteAsync("SET GLOBAL log_output = 'TABLE'; SET GLOBAL general_log = 1");

        var added = await new HostRegistry(store).AddAsync("web01");
        await using (var agent = new MySqlConnection(added.AgentConnection))
        {
            await agent.OpenAsync();
        }

        await server.ExecuteAsync("SET GLOBAL general_log = 0");
        var password = new MySqlConnectionStringBuilder(added.AgentConnection!).Password;
        var logged = new List<string>();
        await using (var admin = new MySqlConnection(server.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var read = new MySqlCommand("SELECT CONVERT(argument USING utf8mb4) FROM mysql.general_log", admin);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                logged.Add(reader.GetString(0));
            }
        }
        Assert.Contains(logged, line => line.Contains("CREATE USER", StringComparison.Ordinal) && line.Contains(NativePasswordHash.Of(password), StringComparison.Ordinal));
        Assert.DoesNotContain(logged, line => line.Contains(password, StringComparison.Ordinal));
    }
}
