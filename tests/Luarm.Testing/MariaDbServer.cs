using System.Security.Cryptography;
using MySqlConnector;

namespace Luarm.Testing;

/// <summary>
/// The private MariaDB that ./test.sh starts. Its admin connection string comes
/// in LUARM_TEST_MYSQL; without it, MariaDB tests fail (never skip) and say how
/// to get one.
/// </summary>
public static class MariaDbServer
{
    public const string Variable = "LUARM_TEST_MYSQL";

    public static MySqlConnectionStringBuilder Admin
    {
        get
        {
            var connection = Environment.GetEnvironmentVariable(Variable);
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException(
                    $"{Variable} is not set: MariaDB tests need the private server that ./test.sh starts; run ./test.sh");
            }
            return new MySqlConnectionStringBuilder(connection);
        }
    }

    /// <summary>Creates an empty database of a fresh name and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var builder = Admin;
        var name = "luarm_t_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        builder.Database = "";
        await using (var connection = new MySqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new MySqlCommand($"CREATE DATABASE {name} CHARACTER SET utf8mb4", connection);
            await create.ExecuteNonQueryAsync();
        }
        builder.Database = name;
        return builder.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        var name = builder.Database;
        builder.Database = "";
        await using var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new MySqlCommand($"DROP DATABASE IF EXISTS {name}", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
