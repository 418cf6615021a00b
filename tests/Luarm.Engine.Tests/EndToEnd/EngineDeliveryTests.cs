using Luarm.Engine.Tests.Cluster;
using Luarm.Engine.Tests.Peers;
using Luarm.Store.Access;
using Luarm.Store.Alerts;
using Luarm.Testing;
using static Luarm.Engine.Tests.Support.IrcBotFacts;

namespace Luarm.Engine.Tests.EndToEnd;

/// <summary>
/// A real <c>luarm engine</c> process on MariaDB (Quartz's clustered job store)
/// delivers the 2011 alert to the real SMTP server and the real rsyslogd: the
/// whole delivery path of the binary an operator installs. test.sh runs it again
/// on the trimmed single-file publish (<see cref="LuarmProcess.CliVariable"/>),
/// where a library that finds a type by name would fail.
/// </summary>
[Trait("Category", PublishedCli.Category)]
public sealed class EngineDeliveryTests : IDisposable
{
    private static readonly DateTime T0 = new(2011, 2, 5, 7, 11, 0, DateTimeKind.Utc);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-delivery-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task The_engine_process_on_mariadb_mails_and_logs_the_irc_bot_alert()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.MySql);
        await using var smtp = await SmtpPeer.StartAsync();
        await using var syslog = await RsyslogCollector.StartAsync();
        var config = Path.Combine(_folder.FullName, "luarm.yaml");
        await File.WriteAllTextAsync(config, $"""
            store:
              connection: "{test.ConnectionString}"
            engine:
              rules: ["{Shipped("irc-bot.yaml")}", "{Shipped("lists.yaml")}", "{Shipped("macros.yaml")}"]
            sinks:
              syslog:
                host: 127.0.0.1
                port: {syslog.TcpPort}
                protocol: tcp
              email:
                host: 127.0.0.1
                port: {smtp.Port}
                security: none
                from: luarm@example.org
                routes:
                  - name: soc
                    to: [soc@example.org]
            """);
        await using var engine = EngineNode.Start(config);

        var writer = new FactWriter(test.Store);
        await writer.AppendAsync([Bot(29312, T0)]);
        await writer.AppendAsync([Irc(29312, T0.AddSeconds(40))]);

        var mail = Assert.Single(await smtp.WaitForAsync(1));
        var record = Assert.Single(await syslog.WaitForAsync(1));
        var alert = Assert.Single(await new AlertLog(test.Store).ListAsync(new AlertFilter { RuleId = RuleId }));
        Assert.Contains(RuleId, mail.Subject);
        Assert.Equal("soc@example.org", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains("pid 29312", mail.TextBody);
        Assert.Equal(alert.AlertId, record.AlertId);
        Assert.Contains(RuleId, record.Message);
    }

    /// <summary>The shipped IRC rule and the definitions it uses: other shipped rules (the bot runs Perl from /tmp) would mail too.</summary>
    private static string Shipped(string file) => Path.Combine(RepositoryPaths.Rules, file);
}
