using System.Diagnostics;
using System.Text.RegularExpressions;
using Luarm.Store.Access;
using Luarm.Store.Alerts;
using Luarm.Store.Schema;
using Luarm.Testing;
using Luarm.Testing.Peers;
using Xunit.Abstractions;
using static Luarm.Engine.Tests.Support.IrcBotFacts;

namespace Luarm.Engine.Tests.Cluster;

/// <summary>
/// A real <c>luarm engine</c> (default schedule and cluster settings) on a MariaDB of
/// the test's own that is killed and started again.
/// </summary>
public sealed partial class StoreRestartTests(ITestOutputHelper log)
{
    private static readonly DateTime T0 = new(2011, 2, 5, 7, 11, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Resume = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_engine_resumes_within_10_s_of_a_restarted_store_answering_and_logs_one_line_each_way()
    {
        await using var server = await PrivateMariaDb.StartAsync();
        var connection = await server.CreateDatabaseAsync();
        var store = FactStore.Open(connection);
        await new Migrator(store).MigrateAsync();
        var folder = Directory.CreateTempSubdirectory("luarm-restart-");
        var config = Path.Combine(folder.FullName, "luarm.yaml");
        await File.WriteAllTextAsync(config, $"""
            store:
              connection: "{connection}"
            engine:
              rules: ["{RepositoryPaths.Rules}"]
            """);
        var engine = EngineNode.Start(config);
        try
        {
            await new FactWriter(store).AppendAsync([Bot(1001, T0)]);
            await new FactWriter(store).AppendAsync([Irc(1001, T0.AddSeconds(40))]);
            await WaitForAlertsAsync(store, 1, Patience, engine);

            await server.KillAsync();
            // Longer than the cluster's check-in window (5 s + 5 s), as a restart with crash recovery is.
            await Task.Delay(TimeSpan.FromSeconds(30));
            await server.StartAgainAsync();
            var sinceBack = Stopwatch.StartNew();
            await new FactWriter(store).AppendAsync([Bot(2001, T0.AddMinutes(5))]);
            await new FactWriter(store).AppendAsync([Irc(2001, T0.AddMinutes(5).AddSeconds(40))]);
            await WaitForAlertsAsync(store, 2, TimeSpan.FromSeconds(150), engine);
            var resumed = sinceBack.Elapsed;
            log.WriteLine($"alert raised {resumed.TotalSeconds:F1} s after the store answered again (bound {Resume.TotalSeconds} s)");
            // The recovery line is written when the first job after the outage succeeds.
            await WaitUntilAsync(() => Recovered().IsMatch(engine.Output), "a recovery line", engine);

            Assert.InRange(resumed, TimeSpan.Zero, Resume);
            Assert.Single(Outage().Matches(engine.Output));
            Assert.Single(Recovered().Matches(engine.Output));
            Assert.DoesNotMatch(StackFrame(), engine.Output);
        }
        finally
        {
            log.WriteLine(engine.Output);
            await engine.DisposeAsync();
            folder.Delete(recursive: true);
        }
    }

    private static async Task WaitForAlertsAsync(FactStore store, int count, TimeSpan patience, LuarmProcess engine) =>
        await WaitUntilAsync(async () =>
        {
            try
            {
                return (await new AlertLog(store).ListAsync(new AlertFilter { RuleId = RuleId, Limit = 100 })).Count >= count;
            }
            catch (Luarm.Store.Errors.StoreException)
            {
                return false;
            }
        }, $"{count} alert(s)", engine, patience);

    private static Task WaitUntilAsync(Func<bool> condition, string what, LuarmProcess engine) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, engine, Patience);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, LuarmProcess engine, TimeSpan patience)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > patience)
            {
                Assert.Fail($"no {what} within {patience.TotalSeconds} s; engine output:\n{engine.Output}");
            }
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("store unreachable")]
    private static partial Regex Outage();

    [GeneratedRegex("store reachable again")]
    private static partial Regex Recovered();

    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
