using Luarm.Store.Access;
using Luarm.Store.Errors;
using Luarm.Store.Facts;
using Luarm.Testing;
using MySqlConnector;

namespace Luarm.Store.Tests;

/// <summary>A wrong connection string, an unreachable server or a missing table: one clear line.</summary>
public sealed class StoreErrorTests
{
    [Theory]
    [InlineData("Server=127.0.0.1;Database=luarm;Port=notaport")]
    [InlineData("Server=127.0.0.1;User ID=x")]
    [InlineData("Foo=bar")]
    [InlineData("Data Source=/tmp/x.db;Bogus Key=1")]
    [InlineData("   ")]
    public void A_wrong_connection_string_is_explained(string connection)
    {
        var error = Assert.Throws<StoreException>(() => FactStore.Open(connection));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("store.connection", error.Message);
    }

    [Fact]
    public async Task An_unreachable_server_is_explained()
    {
        var store = FactStore.Open($"Server=127.0.0.1;Port={ClosedPort()};Database=luarm;User ID=luarm;Password=x");

        var error = await Assert.ThrowsAsync<StoreException>(() => new FactReader(store).ReadAfterAsync<ProcessFact>(0, 1));

        Assert.StartsWith("cannot reach MariaDB 127.0.0.1:", error.Message);
        Assert.Contains("is the server running", error.Message);
    }

    [Fact]
    public async Task A_wrong_password_is_explained()
    {
        var admin = MariaDbServer.Admin;
        admin.Password = "wrong-" + admin.Password;

        var error = await Assert.ThrowsAsync<StoreException>(() => new FactReader(FactStore.Open(admin.ConnectionString)).ReadAfterAsync<ProcessFact>(0, 1));

        Assert.Contains($"refused user '{admin.UserID}'", error.Message);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_store_without_tables_says_to_migrate(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect, migrate: false);

        var error = await Assert.ThrowsAsync<StoreException>(() => new FactReader(test.Store).ReadAfterAsync<ProcessFact>(0, 1));

        Assert.Contains("psinfo", error.Message);
        Assert.Contains("luarm schema migrate", error.Message);
    }

    [Fact]
    public async Task A_missing_database_is_explained()
    {
        var admin = MariaDbServer.Admin;
        admin.Database = "luarm_no_such_db";

        var error = await Assert.ThrowsAsync<StoreException>(() => new FactReader(FactStore.Open(admin.ConnectionString)).ReadAfterAsync<ProcessFact>(0, 1));

        Assert.Contains("database 'luarm_no_such_db' does not exist", error.Message);
    }

    [Fact]
    public async Task An_unwritable_sqlite_path_is_explained()
    {
        var error = await Assert.ThrowsAsync<StoreException>(() =>
            new FactReader(FactStore.Open("/proc/luarm/luarm.db")).ReadAfterAsync<ProcessFact>(0, 1));

        Assert.Contains("/proc/luarm", error.Message);
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
