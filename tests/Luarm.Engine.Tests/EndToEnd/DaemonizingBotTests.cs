using Luarm.Engine.Tests.Cluster;
using Luarm.Testing;

namespace Luarm.Engine.Tests.EndToEnd;

/// <summary>
/// The 2011 bot as it really ran, caught live by <c>luarm run</c> on SQLite with
/// the shipped pack: a Perl script in /tmp, run as nobody, daemonizes (fork, the
/// parent exits, setsid), calls itself "crond" and registers with an IRC server
/// on 127.0.0.1:6667. Only the child talks to IRC, so LUARM-IRC-001 can only
/// link the connection to the script through the child's own psinfo row. The
/// bot is started from a login session of root (loginuid 0, written as
/// pam_loginuid does at a login): the evidence must carry who was behind it.
/// </summary>
[Collection(LuarmRunCollection.Name)]
public sealed class DaemonizingBotTests : IDisposable
{
    private const int LoginUid = 0;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-run-bot-");
    private readonly string _script = Path.Combine("/tmp", $"luarm-bot-{Guid.NewGuid():N}.pl");

    public void Dispose()
    {
        File.Delete(_script);
        _folder.Delete(recursive: true);
    }

    [Theory]
    // Audit: the fork row inherits the argv audit recorded for the parent's exec; the child's /proc cmdline already says "crond".
    [InlineData("audit")]
    [InlineData("classic")]
    public async Task A_perl_bot_that_daemonizes_and_calls_itself_crond_raises_the_irc_alert_with_its_pid_user_and_loginuid(string source)
    {
        var store = Path.Combine(_folder.FullName, "luarm.db");
        var config = Path.Combine(_folder.FullName, "luarm.yaml");
        await File.WriteAllTextAsync(config, $"agent:\n  source: {source}\n");
        // Copied with the build output's mode (0644): nobody reads it.
        File.Copy(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "daemonizing_bot.pl"), _script);
        await using var run = EngineNode.StartCommand(RepositoryPaths.Root, "run", "--store", store, "--config", config);
        await RunHelpers.WaitForAsync(run, "agent running", Within);
        var tag = Guid.NewGuid().ToString("N")[..12];
        RunHelpers.Run("/bin/sh", "-c", "sleep 2", $"luarm-warmup-{tag}");
        Assert.Equal(1, await RunHelpers.CountProcessesAsync(store, $"luarm-warmup-{tag}", 1));
        using var irc = FakeIrcServer.Start();

        // The parent exits at once; the wrapper shell sets the login uid, then setpriv drops to nobody.
        RunHelpers.Run("/bin/sh", "-c",
            $"echo {LoginUid} > /proc/self/loginuid && cd /tmp && exec setpriv --reuid=nobody --regid=nogroup --clear-groups /usr/bin/perl {_script} 127.0.0.1 {irc.Port}");
        var bot = await irc.BotPid.WaitAsync(Within);
        try
        {
            var evidence = await StoredEvidence.ForPidAsync(store, "LUARM-IRC-001", bot, Within);
            var process = Assert.Single(evidence, row => row.Table == "psinfo");
            var connection = Assert.Single(evidence, row => row.Table == "netinfo");
            Assert.Equal(("nobody", (long?)LoginUid, "root"), (process.Username, process.LoginUid, process.LoginName));
            Assert.Equal(("/tmp", "fork"), (process.Cwd, process.Origin));
            Assert.Equal("/usr/bin/perl", process.Command);
            Assert.Contains(_script, process.Arguments);
            Assert.Equal(("nobody", "crond", "127.0.0.1", (long?)irc.Port), (connection.Username, connection.Application, connection.DestIp, connection.DestPort));
            Assert.Equal((long?)LoginUid, connection.LoginUid);
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"{failed.Message}\npsinfo of the bot (pid {bot}):\n{await StoredEvidence.ProcessRowsAsync(store, bot)}\nluarm run printed:\n{run.Output}");
        }
        finally
        {
            KillBot(bot);
            await run.StopAsync(Within);
        }
    }

    /// <summary>The daemon is init's child now, not ours: killed by the pid it gave the IRC server.</summary>
    private static void KillBot(int pid)
    {
        try
        {
            using var bot = System.Diagnostics.Process.GetProcessById(pid);
            bot.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone: it ends when the server closes its connection.
        }
    }
}
