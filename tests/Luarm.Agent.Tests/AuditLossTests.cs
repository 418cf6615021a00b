using System.Globalization;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Access;
using Luarm.Store.Health;
using Luarm.Testing;

namespace Luarm.Agent.Tests;

/// <summary>
/// Records the kernel drops are never silent (needs root): with a backlog of one
/// record and no waiting, an exec storm loses records; the collector logs how many
/// and appends them to agentloss. The previous backlog settings are restored.
/// </summary>
[Collection(AuditKernel.Name)]
[SupportedOSPlatform("linux")]
public sealed partial class AuditLossTests
{
    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Records_the_kernel_lost_in_an_exec_storm_are_logged_and_stored_in_agentloss(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var before = Shell.Run("auditctl", "-s");
        // failure 2 panics the kernel on loss: never force loss there.
        Assert.Equal("1", Setting(before, "failure"));
        var logger = new ListLogger();
        var lostBefore = long.Parse(Setting(before, "lost"), CultureInfo.InvariantCulture);

        var collector = new RunningCollector(new Audit.AuditCollector(new Files.FileWatchOptions { WatchPaths = [] }, new Host.UserNames(), logger, new HashSet<string> { "process" }),
            open: audit =>
            {
                audit.Open();
                // The collector raises a low backlog at its open: the tiny one is set after, for the storm only.
                var opened = Shell.Run("auditctl", "-s");
                try
                {
                    Shell.Run("auditctl", "-b", "1", "--backlog_wait_time", "0");
                    Shell.Run("sh", "-c", "for i in $(seq 500); do /bin/true; done");
                }
                finally
                {
                    Shell.Run("auditctl", "-b", Setting(opened, "backlog_limit"), "--backlog_wait_time", Setting(opened, "backlog_wait_time"));
                }
            });
        using (collector)
        {
            var loss = collector.Sink.WaitFor<AgentLoss>(row => row.Source == "audit", TimeSpan.FromSeconds(15), "the loss row");
            var lostNow = long.Parse(Setting(Shell.Run("auditctl", "-s"), "lost"), CultureInfo.InvariantCulture);
            Assert.InRange(loss.Lost, 1, lostNow - lostBefore);
            Assert.Contains(logger.Lines, line => line.StartsWith("Warning:", StringComparison.Ordinal) && line.Contains($"lost {loss.Lost} record(s)", StringComparison.Ordinal));

            await StoredRows.AppendAsync(test.Store, collector.Sink);
            var stored = Assert.Single(await StoredRows.QueryAsync(test.Store, "SELECT lost FROM agentloss WHERE source = @p", "audit"));
            Assert.Equal(loss.Lost.ToString(CultureInfo.InvariantCulture), stored[0]);
        }
        Assert.Equal(Setting(before, "backlog_wait_time"), Setting(Shell.Run("auditctl", "-s"), "backlog_wait_time"));
    }

    private static string Setting(string status, string name) =>
        Regex.Match(status, "^" + name + " (\\d+)", RegexOptions.Multiline) is { Success: true } found ? found.Groups[1].Value : throw new InvalidOperationException($"auditctl -s shows no {name}:\n{status}");
}
