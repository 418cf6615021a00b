using Luarm.Testing.Peers;
using MySqlConnector;

namespace Luarm.Store.Tests;

/// <summary>The fault tests' own server keeps committed rows across a kill and a restart on the same port.</summary>
public sealed class PrivateMariaDbTests
{
    [Fact]
    public async Task Committed_rows_survive_a_kill_and_restart()
    {
        await using var server = await PrivateMariaDb.StartAsync();
        var database = await server.CreateDatabaseAsync();
        await Execute(database, "CREATE TABLE marks (id INT PRIMARY KEY); INSERT INTO marks VALUES (1), (2)");

        await server.KillAsync();
        await Assert.ThrowsAnyAsync<MySqlException>(() => Execute(database, "SELECT 1"));
        await server.StartAgainAsync();

        await using var connection = new MySqlConnection(database);
        await connection.OpenAsync();
        await using var count = new MySqlCommand("SELECT COUNT(*) FROM marks", connection);
        Assert.Equal(2L, Convert.ToInt64(await count.ExecuteScalarAsync()));
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
