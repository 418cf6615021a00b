using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Luarm.Engine.Tests.Cluster;
using Luarm.Testing;

namespace Luarm.Engine.Tests.EndToEnd;

/// <summary>
/// The README's main command, for real: <c>luarm run</c> on a fresh SQLite store
/// watches this host while a Perl script run by <c>nobody</c> from /tmp connects
/// to an IRC port on loopback, and prints the 2011 rule's alert.
/// </summary>
[Trait("Category", PublishedCli.Category)]
[Collection(LuarmRunCollection.Name)]
public sealed class RunCommandTests : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-run-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Luarm_run_prints_the_irc_bot_alert_for_a_live_perl_bot()
    {
        await using var run = EngineNode.StartCommand(RepositoryPaths.Root, "run", "--store", Path.Combine(_folder.FullName, "luarm.db"));
        await RunHelpers.WaitForAsync(run, "agent running", Within);
        using var ircServer = RunHelpers.ListenOnAnIrcPort();
        var port = ((IPEndPoint)ircServer.LocalEndpoint).Port;
        var accepting = ircServer.AcceptTcpClientAsync();

        using var bot = Process.Start(new ProcessStartInfo("su")
        {
            ArgumentList = { "nobody", "-s", "/bin/sh", "-c", $"cd /tmp && exec /usr/bin/perl -MIO::Socket::INET -e 'my $s = IO::Socket::INET->new(q{{127.0.0.1:{port}}}) or die; sleep 3'" },
            UseShellExecute = false,
        })!;
        using var accepted = await accepting.WaitAsync(Within);
        await bot.WaitForExitAsync();

        await RunHelpers.WaitForAsync(run, "LUARM-IRC-001", Within);
        Assert.Contains($"nobody ran /usr/bin/perl -MIO::Socket::INET", run.Output);
        Assert.Contains($"from /tmp", run.Output);
        Assert.Contains($"127.0.0.1:{port}", run.Output);
    }
}
