using Dapper;
using Luarm.Store.Access;
using Luarm.Testing;

namespace Luarm.Cli.Tests.Samples;

/// <summary>
/// A real <c>luarm</c> (test.sh runs this again on the trimmed single-file publish)
/// started outside a checkout, where there is no ./samples, finds the samples
/// installed beside the binary and loads one.
/// </summary>
[Trait("Category", PublishedCli.Category)]
public sealed class SampleLocationTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-samples-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Started_outside_a_checkout_luarm_loads_the_sample_beside_the_binary()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite, migrate: false);

        await using var list = LuarmProcess.StartIn(_folder.FullName, "samples", "list");
        var listed = await list.WaitForExitAsync();
        await using var load = LuarmProcess.StartIn(_folder.FullName, "samples", "load", "irc-bot-2011", "--store", test.ConnectionString);
        var loaded = await load.WaitForExitAsync();

        Assert.True(listed == 0, list.Output);
        Assert.DoesNotContain(_folder.FullName, list.Output);
        Assert.Matches(@"(?m)^irc-bot-2011\t.*\t/\S+/samples/irc-bot-2011/facts\.jsonl\.gz$", list.Output);
        Assert.True(loaded == 0, load.Output);
        var bots = await test.Store.RunAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM psinfo WHERE username = 'nobody' AND command = '/usr/bin/perl'"));
        Assert.Equal(2, bots);
    }
}
