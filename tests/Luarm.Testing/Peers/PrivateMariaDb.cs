using System.Security.Cryptography;
using MySqlConnector;

namespace Luarm.Testing.Peers;

/// <summary>
/// A MariaDB server of a test's own, on a free loopback port with a throwaway
/// data folder, for fault tests that stop, kill, lock or restart the server:
/// the shared server that ./test.sh starts must stay up for every other test.
/// </summary>
public sealed class PrivateMariaDb : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;
    private readonly string _password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
    private PeerProcess? _server;

    private PrivateMariaDb(DirectoryInfo folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>
    /// The admin account (every privilege, grant option) of this server, without
    /// a database. Unpooled, so closing a connection ends its session and any lock it holds.
    /// </summary>
    public string AdminConnectionString => new MySqlConnectionStringBuilder
    {
        Pooling = false,
        Server = "127.0.0.1",
        Port = (uint)Port,
        UserID = "luarm_admin",
        Password = _password,
    }.ConnectionString;

    /// <summary>What mariadbd wrote to its error log, for failure messages.</summary>
    public string ErrorLog => File.Exists(ErrorLogFile) ? File.ReadAllText(ErrorLogFile) : "";

    private string DataFolder => Path.Combine(_folder.FullName, "data");
    private string ErrorLogFile => Path.Combine(_folder.FullName, "mariadb.err");
    private string Socket => Path.Combine(_folder.FullName, "mariadb.sock");

    public static async Task<PrivateMariaDb> StartAsync()
    {
        var server = new PrivateMariaDb(Directory.CreateTempSubdirectory("luarm-mariadb-"), PeerProcess.FreeTcpPort());
        var install = await PeerProcess.RunAsync(PeerProcess.Find("mariadb-install-db", "mariadb-server"),
            ["--no-defaults", $"--datadir={server.DataFolder}", $"--user={Environment.UserName}",
             "--auth-root-authentication-method=normal", "--skip-test-db"]);
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"mariadb-install-db failed:\n{install.Output}");
        }
        await server.StartAgainAsync();
        await using (var root = new MySqlConnection(new MySqlConnectionStringBuilder { Server = server.Socket, ConnectionProtocol = MySqlConnectionProtocol.UnixSocket, UserID = "root" }.ConnectionString))
        {
            await root.OpenAsync();
            await using var create = new MySqlCommand(
                $"CREATE USER 'luarm_admin'@'%' IDENTIFIED BY '{server._password}'; GRANT ALL PRIVILEGES ON *.* TO 'luarm_admin'@'%' WITH GRANT OPTION", root);
            await create.ExecuteNonQueryAsync();
        }
        return server;
    }

    /// <summary>Creates an empty database of a fresh name and returns the admin connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "luarm_t_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        await ExecuteAsync($"CREATE DATABASE {name} CHARACTER SET utf8mb4");
        return new MySqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Runs statements as the admin account on a connection of their own.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Takes <c>FLUSH TABLES WITH READ LOCK</c> (what a backup takes) on a
    /// connection of its own and holds it until the result is disposed.
    /// </summary>
    public async Task<IAsyncDisposable> HoldGlobalReadLockAsync()
    {
        var connection = new MySqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("FLUSH TABLES WITH READ LOCK", connection);
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>Kills every connection of <paramref name="user"/> (KILL CONNECTION), as a DBA or a network fault would.</summary>
    public async Task KillConnectionsOfAsync(string user)
    {
        await using var connection = new MySqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        var ids = new List<long>();
        await using (var list = new MySqlCommand("SELECT id FROM information_schema.processlist WHERE user = @user", connection))
        {
            list.Parameters.AddWithValue("@user", user);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetInt64(0));
            }
        }
        foreach (var id in ids)
        {
            await using var kill = new MySqlCommand($"KILL CONNECTION {id}", connection);
            try
            {
                await kill.ExecuteNonQueryAsync();
            }
            catch (MySqlException error) when (error.ErrorCode == MySqlErrorCode.NoSuchThread)
            {
                // It ended on its own meanwhile.
            }
        }
    }

    /// <summary>Kills mariadbd (SIGKILL: no clean shutdown, every connection dropped) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }

    /// <summary>Starts mariadbd (again) on the same port and data folder; returns once it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        await KillAsync();
        _server = await PeerProcess.StartAsync(PeerProcess.Find("mariadbd", "mariadb-server"),
            ["--no-defaults", $"--datadir={DataFolder}", $"--socket={Socket}", $"--port={Port}",
             "--bind-address=127.0.0.1", "--skip-name-resolve", $"--user={Environment.UserName}",
             "--innodb-buffer-pool-size=128M", "--innodb-flush-log-at-trx-commit=2",
             "--max-connections=300", $"--log-error={ErrorLogFile}"], Port);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _folder.Delete(recursive: true);
    }
}
