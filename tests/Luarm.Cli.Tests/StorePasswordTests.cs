using Luarm.Cli.Configuration;
using Luarm.Testing;
using MySqlConnector;

namespace Luarm.Cli.Tests;

/// <summary>
/// The store password never comes from the command line (ps shows it to every
/// local user; the agent records its own command line in psinfo), but from
/// luarm.yaml, an environment variable or a systemd credential file.
/// </summary>
public sealed class StorePasswordTests : IAsyncLifetime
{
    private const int ConfigError = 78;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-password-");
    private string _database = "";

    public async Task InitializeAsync() => _database = await MariaDbServer.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        await MariaDbServer.DropDatabaseAsync(_database);
        _folder.Delete(recursive: true);
    }

    [Theory]
    [InlineData("sql|select 1", "Password")]
    [InlineData("agent", "pwd")]
    [InlineData("engine", "PASSWORD")]
    public async Task A_password_in_store_on_the_command_line_is_refused_with_where_to_put_it(string command, string key)
    {
        var run = await LuarmRun.Verbatim(["--store", $"Server=127.0.0.1;Port=1;Database=luarm;User ID=luarmh_x;{key}=hunter2", .. command.Split('|')]);

        var line = run.SingleErrorLine(ConfigError);
        Assert.Contains("--store carries a password", line);
        Assert.Contains(StorePassword.Credential, line);
        Assert.Contains(StorePassword.EnvironmentVariable, line);
        Assert.DoesNotContain("hunter2", run.Error + run.Output);
    }

    [Fact]
    public async Task The_password_comes_from_store_password_file()
    {
        var file = Write("store.password", Password + "\n");
        var config = Write("luarm.yaml", $"store:\n  connection: \"{WithoutPassword}\"\n  password_file: {file}\n");

        var run = await LuarmRun.Of("--config", config, "sql", "select 41 + 1 as answer");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("42", run.Output);
    }

    [Fact]
    public async Task The_password_comes_from_the_variable_store_password_env_names()
    {
        var variable = "LUARM_TEST_PASSWORD_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, Password);
        try
        {
            var config = Write("luarm.yaml", $"store:\n  connection: \"{WithoutPassword}\"\n  password_env: {variable}\n");

            var run = await LuarmRun.Of("--config", config, "sql", "select 41 + 1 as answer");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("42", run.Output);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Without_a_source_in_luarm_yaml_the_systemd_credential_is_used_with_the_server_named_by_store()
    {
        var credentials = Directory.CreateDirectory(Path.Combine(_folder.FullName, "credentials"));
        File.WriteAllText(Path.Combine(credentials.FullName, StorePassword.Credential), Password);
        Environment.SetEnvironmentVariable("CREDENTIALS_DIRECTORY", credentials.FullName);
        try
        {
            var run = await LuarmRun.Of("--store", WithoutPassword, "sql", "select 41 + 1 as answer");

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("42", run.Output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CREDENTIALS_DIRECTORY", null);
        }
    }

    [Fact]
    public async Task A_password_given_twice_is_a_config_error()
    {
        var file = Write("store.password", Password);
        var config = Write("luarm.yaml", $"store:\n  connection: \"{_database}\"\n  password_file: {file}\n");

        var run = await LuarmRun.Of("--config", config, "sql", "select 1");

        Assert.Contains("given twice", run.SingleErrorLine(ConfigError));
    }

    [Fact]
    public async Task A_missing_password_file_is_a_config_error_naming_the_setting()
    {
        var config = Write("luarm.yaml", $"store:\n  connection: \"{WithoutPassword}\"\n  password_file: {_folder.FullName}/nope\n");

        var run = await LuarmRun.Of("--config", config, "sql", "select 1");

        Assert.Contains("store.password_file", run.SingleErrorLine(ConfigError));
    }

    [Fact]
    public async Task A_sqlite_store_takes_no_password_setting()
    {
        var config = Write("luarm.yaml", $"store:\n  connection: {_folder.FullName}/luarm.db\n  password_env: HOME\n");

        var run = await LuarmRun.Of("--config", config, "sql", "select 1");

        Assert.Contains("SQLite file takes no password", run.SingleErrorLine(ConfigError));
    }

    private static string Password => MariaDbServer.Admin.Password;

    private string WithoutPassword
    {
        get
        {
            var database = new MySqlConnectionStringBuilder(_database);
            database.Remove("Password");
            return database.ConnectionString;
        }
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
