using System.Diagnostics;
using Luarm.Engine.Evaluation;
using Luarm.Engine.Hosting;
using Luarm.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Engine.Tests.Hosting;

/// <summary>Hot reload: a changed rule folder is validated and swapped in; a broken one is refused.</summary>
public sealed class RuleFileWatcherTests : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-reload-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_new_rule_file_is_swapped_in_and_a_broken_one_keeps_the_old_set_running()
    {
        foreach (var file in Directory.GetFiles(RepositoryPaths.Rules, "*.yaml"))
        {
            File.Copy(file, Path.Combine(_folder.FullName, Path.GetFileName(file)));
        }
        var rules = new ActiveRuleSet([_folder.FullName]);
        Assert.True(rules.TryReload());
        var before = rules.Current.Rules.Count;
        using var watcher = new RuleFileWatcher(rules, NullLogger<RuleFileWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);

        File.WriteAllText(Path.Combine(_folder.FullName, "root-shell.yaml"), """
            id: LOCAL-001
            title: root runs a shell from /tmp
            severity: high
            match:
              p:
                process:
                  username: root
                  cwd|startswith: /tmp
                  command|basename: bash
            output: "{p.username} ran {p.command} in {p.cwd}"
            tests:
              - name: root bash in /tmp
                facts:
                  - process: {username: root, pid: 1, command: /bin/bash, cwd: /tmp/x, at: "+0s"}
                expect:
                  alerts: 1
              - name: alice is not root
                facts:
                  - process: {username: alice, pid: 1, command: /bin/bash, cwd: /tmp/x, at: "+0s"}
                expect:
                  alerts: 0
            """);
        await Eventually(() => rules.Version == 2, () => $"watcher: {watcher.ExecuteTask?.Status} {watcher.ExecuteTask?.Exception}; the folder loads with: {string.Join("; ", Rules.Loading.RuleSetLoader.Load(_folder.FullName).Diagnostics)}");
        Assert.Equal(before + 1, rules.Current.Rules.Count);

        File.WriteAllText(Path.Combine(_folder.FullName, "broken.yaml"), "id: BROKEN\nmatch:\n  p:\n    process:\n      nosuchfield: 1\n");
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(2, rules.Version);
        Assert.Contains(rules.Current.Rules, r => r.Definition.Id == "LOCAL-001");
        await watcher.StopAsync(CancellationToken.None);
    }

    private static async Task Eventually(Func<bool> condition, Func<string> state)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Within, $"the rule set was not reloaded in time; {state()}");
            await Task.Delay(100);
        }
    }
}
