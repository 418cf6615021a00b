using System.Diagnostics;
using Luarm.Cli.Commands;
using Luarm.Store.Access;
using Luarm.Store.Alerts;
using Luarm.Store.Facts;
using Luarm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Luarm.Cli.Tests;

/// <summary>
/// A typo in the rule folder of a running <c>luarm engine</c> (the real process)
/// is refused and the engine keeps evaluating with the rules it had; a broken set
/// at start, or a fault that stops the engine, never exits 0.
/// </summary>
[Trait("Category", PublishedCli.Category)]
public sealed class EngineRuleFaultTests : IDisposable
{
    private static readonly DateTime T0 = new(2011, 2, 5, 7, 11, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-engine-faults-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string RulesFolder => Path.Combine(_folder.FullName, "rules");

    [Fact]
    public async Task A_typo_dropped_into_the_rule_folder_is_refused_and_the_old_rules_keep_evaluating()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);
        var config = WriteConfig(test.ConnectionString, brokenRule: null);
        await using var engine = LuarmProcess.Start("engine", "--config", config);
        await engine.WaitForOutputAsync("rule set 1 active");
        // The rule watcher is running once the host has started.
        await engine.WaitForOutputAsync("Application started");

        var typo = Path.Combine(RulesFolder, "typo.yaml");
        await File.WriteAllTextAsync(typo, "x: {a: b\n- c\n");
        await engine.WaitForOutputAsync("rule set refused");
        Assert.Contains($"{typo}:2:1: error yaml-syntax", engine.Output);

        var writer = new FactWriter(test.Store);
        await writer.AppendAsync([Bot(29312, T0)]);
        await writer.AppendAsync([Irc(29312, T0.AddSeconds(40))]);
        var clock = Stopwatch.StartNew();
        while ((await new AlertLog(test.Store).ListAsync(new AlertFilter { RuleId = "LUARM-IRC-001" })).Count == 0)
        {
            Assert.True(clock.Elapsed < Patience && !engine.HasExited, $"no alert from the old rules within {Patience} (exited: {engine.HasExited}); the engine printed:\n{engine.Output}");
            await Task.Delay(200);
        }
        Assert.False(engine.HasExited, engine.Output);
        Assert.DoesNotContain("rule set 2 active", engine.Output);
    }

    [Fact]
    public async Task An_engine_started_on_a_broken_rule_set_exits_78_and_names_the_position()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);
        var config = WriteConfig(test.ConnectionString, brokenRule: "x: {a: b\n- c\n");

        await using var engine = LuarmProcess.Start("engine", "--config", config);

        Assert.Equal(ExitCodes.Config, await engine.WaitForExitAsync());
        Assert.Contains($"{Path.Combine(RulesFolder, "typo.yaml")}:2:1: error yaml-syntax", engine.Output);
        Assert.DoesNotContain("   at ", engine.Output);
    }

    [Fact]
    public async Task A_failed_background_service_makes_the_engine_exit_70_not_0()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddHostedService<FailingService>();
        using var host = builder.Build();
        var error = new StringWriter();

        var exit = await EngineStart.RunAsync(host, error, CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(ExitCodes.Internal, exit);
        Assert.Contains("luarm: internal error: the engine's FailingService failed: IOException: the disk went away", error.ToString());
    }

    private sealed class FailingService : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(100, stoppingToken);
            throw new IOException("the disk went away");
        }
    }

    private string WriteConfig(string connection, string? brokenRule)
    {
        Directory.CreateDirectory(RulesFolder);
        foreach (var file in Directory.GetFiles(RepositoryPaths.Rules, "*.yaml"))
        {
            File.Copy(file, Path.Combine(RulesFolder, Path.GetFileName(file)));
        }
        if (brokenRule is not null)
        {
            File.WriteAllText(Path.Combine(RulesFolder, "typo.yaml"), brokenRule);
        }
        var path = Path.Combine(_folder.FullName, "luarm.yaml");
        File.WriteAllText(path, $"""
            store:
              connection: "{connection}"
            engine:
              rules: ["{RulesFolder}"]
              schedule_seconds: 0.5
            """);
        return path;
    }

    private static ProcessFact Bot(int pid, DateTime at) => new()
    {
        HostId = 1,
        Username = "nobody",
        Pid = pid,
        Ppid = 8343,
        Command = "/usr/bin/perl",
        Arguments = "./x 85.121.125.74 0 0",
        Cwd = "/tmp",
        Created = at,
    };

    private static EndpointFact Irc(int pid, DateTime at) => new()
    {
        HostId = 1,
        Transport = "tcp",
        SourceIp = "192.0.2.10",
        SourcePort = 32767,
        DestIp = "85.121.125.74",
        DestPort = 6670,
        IpVersion = 4,
        Username = "nobody",
        Pid = pid,
        Application = "crond",
        Created = at,
    };
}
