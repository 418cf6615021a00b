using Dapper;
using Luarm.Engine.Sinks;
using Luarm.Engine.Sinks.Email;
using Luarm.Engine.Tests.Peers;
using Luarm.Engine.Tests.Support;
using Luarm.Store.Access;
using Luarm.Testing.Peers;
using MimeKit;

namespace Luarm.Engine.Tests;

/// <summary>Alerts mailed to a real SMTP server (aiosmtpd) on a loopback port, read back from its Maildir.</summary>
public sealed class EmailSinkTests
{
    [Fact]
    public async Task Each_route_gets_the_alerts_its_severity_and_tags_take_in_a_readable_mail()
    {
        await using var server = await SmtpPeer.StartAsync();
        await using var delivery = await DeliveryHarness.CreateAsync(StoreDialect.Sqlite, clock => Email(Options(server.Port, "none",
            new EmailRouteOptions { Name = "soc", To = ["soc@example.org"], MinSeverity = "high" },
            new EmailRouteOptions { Name = "dba", To = ["dba@example.org", "Data Team <data@example.org>"], Tags = ["attack.t1005"] },
            new EmailRouteOptions { Name = "log", To = ["log@example.org"] }), clock));
        var bot = delivery.Incident.IrcBot();
        var ids = await delivery.RaiseAsync(bot, delivery.Incident.Other(1, "low", "attack.t1005.001"));

        var pass = await delivery.Dispatcher.RunOnceAsync();

        var mails = await server.WaitForAsync(4);
        Assert.Equal([("email.dba", 1), ("email.log", 2), ("email.soc", 1)], pass.Select(p => (p.Channel, p.Delivered)).Order());
        Assert.Equal(4, mails.Count);
        Assert.Equal(["LUARM-IRC-001 to log@example.org", "LUARM-IRC-001 to soc@example.org", "TEST-001 to dba@example.org,data@example.org", "TEST-001 to log@example.org"],
            mails.Select(m => $"{RuleOf(m)} to {m.Headers["X-RcptTo"]?.Replace(" ", "", StringComparison.Ordinal)}").Order(StringComparer.Ordinal));

        var mail = mails.Single(m => m.Headers["X-RcptTo"] == "soc@example.org");
        Assert.Equal("[LUARM critical] LUARM-IRC-001 on web1: nobody ran /usr/bin/perl ./x 85.121.125.74 0 0 from /tmp and it talks IRC on port 6670", mail.Subject);
        Assert.Equal($"{bot.AlertKey}@example.org", mail.MessageId);
        Assert.Equal("luarm@example.org", mail.From.Mailboxes.Single().Address);
        Assert.Equal("critical", mail.Headers["X-Luarm-Severity"]);
        var body = mail.TextBody;
        Assert.Contains("User:       nobody (uid 65534)", body);
        Assert.Contains("Process:    pid 29312, parent 8343: /usr/bin/perl ./x 85.121.125.74 0 0 (cwd /tmp)", body);
        Assert.Contains("Connection: tcp 192.0.2.10:32767 -> 85.121.125.74:6670 by crond (pid 29312)", body);
        Assert.Contains($"Alert:      {ids[0]} (key {bot.AlertKey})", body);
        Assert.Contains("What to do next:", body);
    }

    [Fact]
    public async Task Starttls_with_a_login_delivers_and_a_wrong_password_delivers_nothing()
    {
        using var certificate = ThrowawayCertificate.Create();
        await using var server = await SmtpPeer.StartAsync(SmtpPeerSecurity.StartTls, certificate, ("luarm", "s3cret"));
        var passwordFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(passwordFile, "s3cret\n");
        try
        {
            var right = Options(server.Port, "starttls", Route("soc"));
            (right.Username, right.PasswordFile, right.CaFile) = ("luarm", passwordFile, certificate.CaFile);
            var wrong = Options(server.Port, "starttls", Route("wrong"));
            (wrong.Username, wrong.Password, wrong.CaFile) = ("luarm", "guess", certificate.CaFile);
            await using var delivery = await DeliveryHarness.CreateAsync(StoreDialect.Sqlite, clock => [.. Email(right, clock), .. Email(wrong, clock)]);
            await delivery.RaiseAsync(delivery.Incident.IrcBot());

            var pass = await delivery.Dispatcher.RunOnceAsync();

            var mail = Assert.Single(await server.WaitForAsync(1));
            Assert.Equal("soc@example.org", mail.Headers["X-RcptTo"]);
            Assert.Equal(1, pass.Single(p => p.Channel == "email.soc").Delivered);
            var refused = pass.Single(p => p.Channel == "email.wrong");
            Assert.Equal(1, refused.Failed);
            Assert.StartsWith("AuthenticationException", refused.Error);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    [Fact]
    public async Task Implicit_tls_delivers_when_the_relay_ca_is_trusted_and_not_otherwise()
    {
        using var certificate = ThrowawayCertificate.Create();
        await using var server = await SmtpPeer.StartAsync(SmtpPeerSecurity.ImplicitTls, certificate);
        var trusting = Options(server.Port, "tls", Route("soc"));
        trusting.CaFile = certificate.CaFile;
        await using var delivery = await DeliveryHarness.CreateAsync(StoreDialect.Sqlite, clock =>
            [.. Email(trusting, clock), .. Email(Options(server.Port, "tls", Route("untrusting")), clock)]);
        await delivery.RaiseAsync(delivery.Incident.IrcBot());

        var pass = await delivery.Dispatcher.RunOnceAsync();

        Assert.Single(await server.WaitForAsync(1));
        Assert.Equal(1, pass.Single(p => p.Channel == "email.soc").Delivered);
        Assert.Contains("certificate", pass.Single(p => p.Channel == "email.untrusting").Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_flood_within_a_minute_arrives_as_a_digest_instead_of_a_mail_per_alert()
    {
        await using var server = await SmtpPeer.StartAsync();
        var options = Options(server.Port, "none", Route("soc"));
        options.DigestThreshold = 3;
        await using var delivery = await DeliveryHarness.CreateAsync(StoreDialect.Sqlite, clock => Email(options, clock));

        await delivery.RaiseAsync(delivery.Incident.Other(1), delivery.Incident.Other(2));
        await delivery.RunOnceAsync("email.soc");
        var flood = await delivery.RaiseAsync(Enumerable.Range(3, 6).Select(n => delivery.Incident.Other(n, n == 5 ? "critical" : "high")).ToArray());
        delivery.Clock.Advance(TimeSpan.FromSeconds(30));
        var floodPass = await delivery.RunOnceAsync("email.soc");
        delivery.Clock.Advance(TimeSpan.FromSeconds(31));
        await delivery.RaiseAsync(delivery.Incident.Other(9));
        await delivery.RunOnceAsync("email.soc");

        var mails = await server.WaitForAsync(4);
        Assert.Equal(6, floodPass.Delivered);
        Assert.Equal(["TEST-001", "TEST-002", "digest", "TEST-009"], mails.Select(m => IsDigest(m) ? "digest" : RuleOf(m)));
        var digest = mails[2];
        Assert.Equal("[LUARM] 6 alerts (1 critical, 5 high) on web1", digest.Subject);
        Assert.Equal("critical", digest.Headers["X-Luarm-Severity"]);
        Assert.StartsWith("digest-", digest.MessageId);
        foreach (var id in flood)
        {
            Assert.Contains($"(alert {id})", digest.TextBody);
        }
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_mail_server_that_is_down_then_up_gets_the_alert_once(StoreDialect dialect)
    {
        var port = PeerProcess.FreeTcpPort();
        await using var delivery = await DeliveryHarness.CreateAsync(dialect, clock => Email(Options(port, "none", Route("soc")), clock));
        var id = Assert.Single(await delivery.RaiseAsync(delivery.Incident.IrcBot()));

        var whileDown = await delivery.RunOnceAsync("email.soc");
        await using var server = await SmtpPeer.StartAsync(port: port);
        var tooEarly = await delivery.RunOnceAsync("email.soc");
        delivery.Clock.Advance(TimeSpan.FromSeconds(15));
        var whenUp = await delivery.RunOnceAsync("email.soc");
        delivery.Clock.Advance(TimeSpan.FromHours(1));
        var later = await delivery.RunOnceAsync("email.soc");

        var mail = Assert.Single(await server.WaitForAsync(1));
        Assert.Equal((0, 1), (whileDown.Delivered, whileDown.Failed));
        Assert.Equal(0, tooEarly.Delivered);
        Assert.Equal((1, 0, 0), (whenUp.Delivered, whenUp.Failed, later.Delivered));
        Assert.Equal("LUARM-IRC-001", RuleOf(mail));
        var entry = Assert.Single(await delivery.Outbox.EntriesOfAsync(id));
        Assert.Equal(("delivered", 2), (entry.Status, entry.Attempts));
    }

    [Fact]
    public async Task A_mail_sent_again_after_a_crash_before_it_was_marked_keeps_its_message_id()
    {
        await using var server = await SmtpPeer.StartAsync();
        await using var delivery = await DeliveryHarness.CreateAsync(StoreDialect.Sqlite, clock => Email(Options(server.Port, "none", Route("soc")), clock));
        await delivery.RaiseAsync(delivery.Incident.IrcBot());
        await delivery.RunOnceAsync("email.soc");

        // What a crash between the server's 250 and the mark would leave: the row still pending.
        await delivery.Store.RunAsync(c => c.ExecuteAsync("UPDATE alertoutbox SET status = 'pending'"));
        await delivery.RunOnceAsync("email.soc");

        var mails = await server.WaitForAsync(2);
        Assert.Equal(2, mails.Count);
        Assert.Equal(mails[0].MessageId, mails[1].MessageId);
    }

    private static EmailSinkOptions Options(int port, string security, params EmailRouteOptions[] routes) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        Security = security,
        From = "LUARM <luarm@example.org>",
        TimeoutSeconds = 10,
        Routes = [.. routes],
    };

    private static EmailRouteOptions Route(string name) => new() { Name = name, To = [$"{name}@example.org"] };

    private static IReadOnlyList<Delivery.IAlertSink> Email(EmailSinkOptions options, TimeProvider clock) =>
        AlertSinks.Create(new SinksOptions { Email = options }, clock);

    /// <summary>The rule id a single-alert subject names: <c>[LUARM severity] RULE on host: ...</c>.</summary>
    private static string RuleOf(MimeMessage mail) => (mail.Subject ?? "").Split(' ')[2];

    private static bool IsDigest(MimeMessage mail) => (mail.Subject ?? "").StartsWith("[LUARM] ", StringComparison.Ordinal);
}
