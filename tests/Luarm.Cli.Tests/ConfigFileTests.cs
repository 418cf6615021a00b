using Luarm.Store.Access;
using Luarm.Testing;

namespace Luarm.Cli.Tests;

public sealed class ConfigFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-config-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task The_store_comes_from_luarm_yaml()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);
        var config = Write("luarm.yaml", $"store:\n  connection: \"{test.ConnectionString}\"\n");

        var run = await LuarmRun.Of("sql", "--config", config, "select count(*) > 0 as n from schemaversion");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("| n |", run.Output);
    }

    [Fact]
    public async Task An_unknown_setting_is_named_with_its_position()
    {
        var config = Write("luarm.yaml", "store:\n  conection: /tmp/x.db\n");

        var run = await LuarmRun.Of("sql", "--config", config, "select 1");

        var line = run.SingleErrorLine();
        Assert.StartsWith($"luarm: {config}:2:3: ", line);
        Assert.Contains("conection", line);
    }

    [Fact]
    public async Task Malformed_yaml_is_named_with_its_position()
    {
        var config = Write("luarm.yaml", "store:\n  connection: [unclosed\n");

        var run = await LuarmRun.Of("schema", "migrate", "--config", config);

        Assert.StartsWith($"luarm: {config}:", run.SingleErrorLine());
    }

    [Fact]
    public async Task A_missing_config_file_is_one_line()
    {
        var run = await LuarmRun.Of("schema", "migrate", "--config", Path.Combine(_folder.FullName, "nope.yaml"));

        Assert.Contains("no such config file", run.SingleErrorLine());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
