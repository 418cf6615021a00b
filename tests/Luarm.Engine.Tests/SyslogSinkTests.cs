using Luarm.Engine.Alerts;
using Luarm.Engine.Sinks;
using Luarm.Engine.Sinks.Syslog;
using Luarm.Engine.Tests.Peers;
using Luarm.Engine.Tests.Support;
using Luarm.Store.Access;
using Luarm.Store.Alerts;

namespace Luarm.Engine.Tests;

/// <summary>Alerts to a real rsyslogd on loopback ports, read back as rsyslog parsed them.</summary>
public sealed class SyslogSinkTests
{
    [Fact]
    public async Task Rfc5424_over_udp_carries_rule_severity_host_and_alert_in_structured_data()
    {
        await using var collector = await RsyslogCollector.StartAsync(udp: true);
        await using var delivery = await DeliveryHarness.CreateAsync(StoreDialect.Sqlite, _ => Syslog(new SyslogSinkOptions
        {
            Host = "127.0.0.1",
            Port = collector.UdpPort,
            Protocol = "udp",
            Hostname = "engine1",
        }));
        var alert = delivery.Incident.IrcBot();
        var id = Assert.Single(await delivery.RaiseAsync(alert));

        var pass = await delivery.RunOnceAsync("syslog");

        var message = Assert.Single(await collector.WaitForAsync(1));
        Assert.Equal(1, pass.Delivered);
        Assert.Equal(("imudp", "1", 10, 2), (message.Input, message.ProtocolVersion, message.Facility, message.Level));
        Assert.Equal(("engine1", "luarm", "alert"), (message.Hostname, message.AppName, message.MsgId));
        Assert.Equal("2011-02-05T07:13:00.000000Z", message.Timestamp);
        Assert.Equal(new Dictionary<string, string>
        {
            [""] = "luarm@32473",
            ["alertid"] = $"{id}",
            ["alertkey"] = alert.AlertKey,
            ["ruleid"] = "LUARM-IRC-001",
            ["severity"] = "critical",
            ["hostid"] = "1",
            ["host"] = "web1",
        }, message.Data);
        Assert.Equal("[critical] LUARM-IRC-001 on web1: nobody ran /usr/bin/perl ./x 85.121.125.74 0 0 from /tmp and it talks IRC on port 6670", message.Message);
    }

    [Fact]
    public async Task Octet_counted_tcp_maps_each_severity_to_its_level_and_escapes_structured_data()
    {
        await using var collector = await RsyslogCollector.StartAsync();
        await using var delivery = await DeliveryHarness.CreateAsync(StoreDialect.Sqlite, _ => Syslog(new SyslogSinkOptions
        {
            Host = "127.0.0.1",
            Port = collector.TcpPort,
            Facility = "local3",
        }));
        string[] severities = ["info", "low", "medium", "high", "critical"];
        var ids = await delivery.RaiseAsync(severities.Select((severity, n) => delivery.Incident.Other(n, severity)).ToArray());
        var awkward = delivery.Incident.Other(9) with { RuleId = "TEST-\"quoted\"]\\x", Message = "two\nlines, ünïcode" };
        var awkwardId = Assert.Single(await delivery.RaiseAsync(awkward));

        var pass = await delivery.RunOnceAsync("syslog");

        var received = await collector.WaitForAsync(6);
        Assert.Equal(6, pass.Delivered);
        Assert.Equal([.. ids, awkwardId], received.Select(m => m.AlertId));
        Assert.All(received, m => Assert.Equal(("imtcp", 19), (m.Input, m.Facility)));
        Assert.Equal([6, 5, 4, 3, 2], received.Take(5).Select(m => m.Level));
        Assert.Equal("TEST-\"quoted\"]\\x", received[5].Data["ruleid"]);
        Assert.EndsWith("two\\nlines, ünïcode", received[5].Message);
    }

    [Fact]
    public async Task Tls_reaches_a_collector_whose_ca_is_trusted_and_refuses_one_that_is_not()
    {
        using var certificate = ThrowawayCertificate.Create();
        await using var collector = await RsyslogCollector.StartAsync(tls: certificate);
        await using var delivery = await DeliveryHarness.CreateAsync(StoreDialect.Sqlite, _ =>
        [
            .. Syslog(new SyslogSinkOptions { Host = "127.0.0.1", Port = collector.TcpPort, Protocol = "tls", CaFile = certificate.CaFile }),
        ]);
        await using var untrusting = AlertSinks.Create(new SinksOptions
        {
            Syslog = new SyslogSinkOptions { Host = "127.0.0.1", Port = collector.TcpPort, Protocol = "tls" },
        }).Single();
        var id = Assert.Single(await delivery.RaiseAsync(delivery.Incident.IrcBot()));

        var reports = await new AlertReportReader(delivery.Store).ReadAsync([id]);

        var refused = await Record.ExceptionAsync(() => untrusting.DeliverAsync(reports, (_, _) => Task.CompletedTask, CancellationToken.None));
        var pass = await delivery.RunOnceAsync("syslog");

        var message = Assert.Single(await collector.WaitForAsync(1));
        Assert.IsType<System.Security.Authentication.AuthenticationException>(refused);
        Assert.Equal(1, pass.Delivered);
        Assert.Equal((id, "imtcp", "1"), (message.AlertId, message.Input, message.ProtocolVersion));
    }

    [Fact]
    public async Task Rfc3164_is_there_for_old_collectors()
    {
        await using var collector = await RsyslogCollector.StartAsync();
        await using var delivery = await DeliveryHarness.CreateAsync(StoreDialect.Sqlite, _ => Syslog(new SyslogSinkOptions
        {
            Host = "127.0.0.1",
            Port = collector.TcpPort,
            Format = "rfc3164",
            Hostname = "engine1",
            Facility = "auth",
        }));
        var alert = delivery.Incident.IrcBot("high");
        var id = Assert.Single(await delivery.RaiseAsync(alert));

        await delivery.RunOnceAsync("syslog");

        var message = Assert.Single(await collector.WaitForAsync(1));
        Assert.Equal(("0", 4, 3, "engine1", "luarm"), (message.ProtocolVersion, message.Facility, message.Level, message.Hostname, message.AppName));
        Assert.StartsWith("<35>Feb  5 07:13:00 engine1 luarm: [high] LUARM-IRC-001 on web1: nobody ran", message.Raw);
        Assert.EndsWith($"(alert {id}, key {alert.AlertKey})", message.Message);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite, "tcp")]
    [InlineData(StoreDialect.MySql, "tcp")]
    [InlineData(StoreDialect.Sqlite, "tls")]
    public async Task A_collector_that_drops_the_connection_mid_stream_loses_nothing_and_gets_nothing_twice(StoreDialect dialect, string protocol)
    {
        using var certificate = ThrowawayCertificate.Create();
        await using var collector = await RsyslogCollector.StartAsync(tls: protocol == "tls" ? certificate : null);
        await using var delivery = await DeliveryHarness.CreateAsync(dialect, _ => Syslog(new SyslogSinkOptions
        {
            Host = "127.0.0.1",
            Port = collector.TcpPort,
            Protocol = protocol,
            CaFile = protocol == "tls" ? certificate.CaFile : null,
        }));
        var first = await delivery.RaiseAsync(delivery.Incident.Other(1), delivery.Incident.Other(2));
        await delivery.RunOnceAsync("syslog");
        await collector.WaitForAsync(2);

        // The collector restarts between two alerts: the sink's open connection is dead.
        await collector.RestartAsync();
        var afterRestart = await delivery.RaiseAsync(delivery.Incident.Other(3));
        var overNewConnection = await delivery.RunOnceAsync("syslog");
        await collector.WaitForAsync(3);

        // The collector is down for a while: alerts wait in the outbox.
        await collector.StopAsync();
        var whileDown = await delivery.RaiseAsync(delivery.Incident.Other(4), delivery.Incident.Other(5));
        var failed = await delivery.RunOnceAsync("syslog");
        await collector.RestartAsync();
        delivery.Clock.Advance(TimeSpan.FromSeconds(15));
        var retried = await delivery.RunOnceAsync("syslog");

        var received = await collector.WaitForAsync(5);
        Assert.Equal(1, overNewConnection.Delivered);
        Assert.Equal((0, 2), (failed.Delivered, failed.Failed));
        Assert.Equal(2, retried.Delivered);
        Assert.Equal([.. first, .. afterRestart, .. whileDown], received.Select(m => m.AlertId));
    }

    private static IReadOnlyList<Delivery.IAlertSink> Syslog(SyslogSinkOptions options) => AlertSinks.Create(new SinksOptions { Syslog = options });
}
