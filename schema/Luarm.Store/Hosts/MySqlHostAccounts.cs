using System.Security.Cryptography;
using Dapper;
using Luarm.Store.Access;
using Luarm.Store.Errors;
using Luarm.Store.Vocabulary;
using MySqlConnector;

namespace Luarm.Store.Hosts;

/// <summary>
/// Database accounts for agents: INSERT on the appendable tables and nothing
/// else. Account names start with <c>luarmh_</c>, which the hostid-stamping
/// triggers recognise (schema/mysql/0003_hosts_and_ends.sql).
/// </summary>
internal sealed class MySqlHostAccounts(MySqlStore store)
{
    public static string NewAccountName() => "luarmh_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public async Task<string> CreateAsync(string account, string? agentServer, HostAccountLimits limits, CancellationToken cancel)
    {
        if (limits.MaxConnections < 1)
        {
            throw new StoreException($"a host account needs at least 1 connection, not {limits.MaxConnections}");
        }
        // Letters and digits only, so it needs no quoting in SQL or in a connection string.
        var password = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);
        try
        {
            var tls = limits.RequireTls ? " REQUIRE SSL" : "";
            await store.RunAsync(connection => connection.ExecuteAsync(
                $"CREATE USER '{account}'@'%' IDENTIFIED BY PASSWORD '{NativePasswordHash.Of(password)}'{tls} WITH MAX_USER_CONNECTIONS {limits.MaxConnections}"), cancel);
            await GrantAsync(account, cancel);
        }
        catch (StoreException error)
        {
            await DropAsync(account, cancel);
            if (error.InnerException is MySqlException { ErrorCode: MySqlErrorCode.DatabaseAccessDenied or MySqlErrorCode.TableAccessDenied or MySqlErrorCode.AccessDenied or MySqlErrorCode.SpecifiedAccessDeniedError })
            {
                throw new StoreException($"user '{store.Settings.UserID}' may not create host accounts on {store.Location}; run 'luarm host add' with an account that has CREATE USER and GRANT OPTION", error);
            }
            throw;
        }
        var agent = new MySqlConnectionStringBuilder
        {
            Server = agentServer ?? store.Settings.Server,
            Port = store.Settings.Port,
            Database = store.Settings.Database,
            UserID = account,
            Password = password,
            SslMode = limits.RequireTls ? MySqlSslMode.Required : MySqlSslMode.Preferred,
        };
        return agent.ConnectionString;
    }

    /// <summary>
    /// INSERT on every appendable table and nothing else. Idempotent, so a
    /// migration that adds a table re-grants it to the existing accounts.
    /// </summary>
    public Task GrantAsync(string account, CancellationToken cancel) =>
        store.RunAsync(async connection =>
        {
            var database = QuoteIdentifier(store.Settings.Database);
            foreach (var table in FactTables.HostInsertable)
            {
                await connection.ExecuteAsync($"GRANT INSERT ON {database}.{table} TO '{account}'@'%'");
            }
        }, cancel);

    /// <summary>Drops the account and ends its open sessions: DROP USER alone leaves them writing.</summary>
    public Task DropAsync(string account, CancellationToken cancel) =>
        store.RunAsync(async connection =>
        {
            await connection.ExecuteAsync($"DROP USER IF EXISTS '{account}'@'%'");
            var sessions = await connection.QueryAsync<long>(
                "SELECT id FROM information_schema.processlist WHERE user = @account", new { account });
            foreach (var session in sessions)
            {
                try
                {
                    await connection.ExecuteAsync($"KILL CONNECTION {session}");
                }
                catch (MySqlException error) when (error.ErrorCode == MySqlErrorCode.NoSuchThread)
                {
                    // It ended by itself meanwhile.
                }
            }
        }, cancel);

    private static string QuoteIdentifier(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
}
