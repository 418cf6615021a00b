using Luarm.Store.Access;
using Luarm.Testing;

namespace Luarm.Cli.Tests;

/// <summary>
/// <c>luarm engine</c> (the real process) started where there is no ./rules and
/// luarm.yaml names no folder runs the shipped pack installed beside the binary,
/// and says which folder it runs.
/// </summary>
[Trait("Category", PublishedCli.Category)]
public sealed class RulePackLocationTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-rule-pack-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Started_outside_a_checkout_the_engine_runs_the_pack_beside_the_binary()
    {
        Assert.False(Directory.Exists("/etc/luarm/rules"), "this machine has /etc/luarm/rules, which comes first: the test would not show the binary's pack");
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);
        var config = Path.Combine(_folder.FullName, "luarm.yaml");
        await File.WriteAllTextAsync(config, $"store:\n  connection: '{test.ConnectionString}'\n");

        await using var engine = LuarmProcess.StartIn(_folder.FullName, "engine", "--config", config, "--check-config");
        var exit = await engine.WaitForExitAsync();

        Assert.True(exit == 0, $"exit {exit}:\n{engine.Output}");
        var shipped = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "rules"), "*.yaml").Length;
        Assert.Contains($"from {shipped} file(s) in ", engine.Output);
        Assert.DoesNotContain(Path.Combine(_folder.FullName, "rules"), engine.Output);
        Assert.Matches(@"in /\S+/rules, longest window", engine.Output);
    }
}
