using Luarm.Store.Access;
using Luarm.Testing;
using MySqlConnector;

namespace Luarm.Store.Tests.Hosts;

/// <summary>Raw statements as a host account or the admin sends them, for what FactWriter never sends (INSERT ... SELECT, session variables).</summary>
internal static class HostSql
{
    /// <summary>An INSERT ... SELECT of <paramref name="rows"/> psinfo rows (up to 90,000) from a 200-byte statement.</summary>
    public static string CrossJoinInsert(int rows) =>
        "INSERT INTO psinfo (hostid, username, pid, ppid, command, arguments, created) WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < 299) " +
        $"SELECT 0, 'x', a.i * 300 + b.i, 1, 'c', 'a', NOW() FROM s a, s b LIMIT {rows}";

    /// <summary>How many psinfo rows each hostid has, read by the admin.</summary>
    public static async Task<IReadOnlyDictionary<int, long>> ProcessRowsByHostAsync(TestStore test)
    {
        await using var admin = await OpenAsync(((MySqlStore)test.Store).Settings.ConnectionString);
        await using var count = new MySqlCommand("SELECT hostid, COUNT(*) FROM psinfo GROUP BY hostid", admin);
        await using var reader = await count.ExecuteReaderAsync();
        var rows = new Dictionary<int, long>();
        while (await reader.ReadAsync())
        {
            rows[reader.GetInt32(0)] = reader.GetInt64(1);
        }
        return rows;
    }

    public static async Task ExecuteAsync(MySqlConnection connection, string sql, MySqlTransaction? transaction = null)
    {
        await using var command = new MySqlCommand(sql, connection, transaction) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<MySqlConnection> OpenAsync(string connectionString)
    {
        var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
