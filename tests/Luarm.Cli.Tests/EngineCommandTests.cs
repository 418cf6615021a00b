using Luarm.Store.Access;
using Luarm.Testing;

namespace Luarm.Cli.Tests;

public sealed class EngineCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-engine-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Check_config_accepts_a_good_setup()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);
        var config = Write($"store:\n  connection: \"{test.ConnectionString}\"\nengine:\n  rules: [\"{RepositoryPaths.Rules}\"]\nsinks:\n  console:\n    min_severity: high\n");

        var run = await LuarmRun.Of("engine", "--check-config", "--config", config);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("configuration is valid", run.Output);
    }

    [Fact]
    public async Task Check_config_names_every_broken_setting()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite, migrate: false);
        var config = Write($"""
            store:
              connection: "{test.ConnectionString}"
            engine:
              rules: ["{RepositoryPaths.Rules}"]
            sinks:
              email:
                host: ""
                port: 70000
            """);

        var run = await LuarmRun.Of("engine", "--check-config", "--config", config);

        Assert.Equal(ExitCodes.Config, run.ExitCode);
        Assert.Contains("sinks.email.port", run.Error);
        Assert.Contains("sinks.email.host", run.Error);
        Assert.Contains("run 'luarm schema migrate'", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    private string Write(string yaml)
    {
        var path = Path.Combine(_folder.FullName, "luarm.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
