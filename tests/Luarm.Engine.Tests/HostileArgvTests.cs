using System.Globalization;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using Luarm.Engine.Alerts;
using Luarm.Engine.Sinks;
using Luarm.Engine.Sinks.Console;
using Luarm.Engine.Sinks.Email;
using Luarm.Engine.Sinks.JsonLines;
using Luarm.Engine.Sinks.Syslog;
using Luarm.Engine.Tests.Peers;
using Luarm.Engine.Tests.Support;
using Luarm.Store.Access;

namespace Luarm.Engine.Tests;

/// <summary>
/// The hostile command lines of <see cref="HostileArgv"/> through every sink, against
/// the real peers: one record per alert, no extra header or recipient, no raw control
/// character, a marker where a value was cut, and the full value in JSON Lines.
/// </summary>
public sealed class HostileArgvTests
{
    private const string Marker = "…[cut ";

    [Fact]
    public async Task The_console_shows_each_alert_with_every_value_on_its_own_line_and_long_ones_cut()
    {
        var output = new StringWriter();
        await using var delivery = await DeliveryHarness.CreateAsync(StoreDialect.Sqlite, _ =>
            AlertSinks.Create(new SinksOptions { Console = new ConsoleSinkOptions() }, console: output));
        var ids = await HostileArgv.RaiseAsync(delivery);

        var pass = await delivery.RunOnceAsync("console");

        var lines = output.ToString().Split('\n');
        Assert.Equal(ids.Count, pass.Delivered);
        Assert.All(lines, line => Assert.True(FactText.IsPlain(line), $"raw control character in: {FactText.OneLine(line, 200)}"));
        Assert.Equal(ids.Count, lines.Count(l => l.StartsWith("[critical] HOSTILE-", StringComparison.Ordinal)));
        Assert.Equal(ids.Count, lines.Count(l => l == "What to do next:"));
        Assert.Equal(ids.Count, lines.Count(l => l.StartsWith("Process:    pid 300", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.StartsWith("Bcc:", StringComparison.Ordinal) || l.TrimStart().StartsWith("- Nothing to do", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.True(line.Length < 8 * AlertText.DefaultMaxValueChars, $"a line of {line.Length} characters"));
        var processLines = lines.Where(l => l.StartsWith("Process:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(HostileArgv.Values.Select(HostileArgv.IsLong), processLines.Select(l => l.Contains(Marker, StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("\\x1b]0;owned\\x07\\x1b[2J", StringComparison.Ordinal));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task Json_lines_hold_every_value_whole_one_alert_per_line_in_a_0600_file_and_a_new_0700_folder()
    {
        var root = Directory.CreateTempSubdirectory("luarm-jsonl-");
        var path = Path.Combine(root.FullName, "new", "alerts.jsonl");
        try
        {
            await using var delivery = await DeliveryHarness.CreateAsync(StoreDialect.Sqlite, _ =>
                AlertSinks.Create(new SinksOptions { JsonLines = new JsonLinesSinkOptions { Path = path } }));
            var ids = await HostileArgv.RaiseAsync(delivery);

            var pass = await delivery.RunOnceAsync("json_lines");

            var bytes = await File.ReadAllBytesAsync(path);
            Assert.Equal(ids.Count, pass.Delivered);
            Assert.DoesNotContain(bytes, b => b < 0x20 && b != '\n');
            Assert.Equal(-1, Encoding.UTF8.GetString(bytes).IndexOfAny(['\u2028', '\u2029', '\u0085', '\u202e', '\u007f']));
            var lines = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(ids.Count, lines.Length);
            for (var n = 0; n < lines.Length; n++)
            {
                var alert = JsonDocument.Parse(lines[n]).RootElement;
                Assert.Equal(ids[n], alert.GetProperty("alertid").GetInt64());
                Assert.Equal(HostileArgv.MessageOf(HostileArgv.Values[n]), alert.GetProperty("message").GetString());
                var row = alert.GetProperty("evidence")[0].GetProperty("row");
                Assert.Equal(HostileArgv.Values[n], row.GetProperty("arguments").GetString());
            }
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    [InlineData("tls")]
    public async Task Syslog_sends_each_alert_as_one_record_within_rsyslogs_default_limit(string protocol)
    {
        using var certificate = ThrowawayCertificate.Create();
        await using var collector = await RsyslogCollector.StartAsync(udp: protocol == "udp", tls: protocol == "tls" ? certificate : null);
        await using var delivery = await DeliveryHarness.CreateAsync(StoreDialect.Sqlite, _ => AlertSinks.Create(new SinksOptions
        {
            Syslog = new SyslogSinkOptions
            {
                Host = "127.0.0.1",
                Port = protocol == "udp" ? collector.UdpPort : collector.TcpPort,
                Protocol = protocol,
                Hostname = "engine1",
                CaFile = protocol == "tls" ? certificate.CaFile : null,
            },
        }));
        var ids = await HostileArgv.RaiseAsync(delivery);

        var pass = await delivery.RunOnceAsync("syslog");

        var received = await collector.WaitForAsync(ids.Count);
        Assert.Equal(ids.Count, pass.Delivered);
        Assert.Equal(ids, received.Select(m => m.AlertId));
        Assert.All(received, m => Assert.Equal(("engine1", "luarm", "alert"), (m.Hostname, m.AppName, m.MsgId)));
        Assert.All(received, m => Assert.InRange(Encoding.UTF8.GetByteCount(m.Raw), 1, SyslogSink.DefaultMaxMessageBytes));
        // rsyslog shows a control character it receives as #ooo: none arrived.
        Assert.All(received, m => Assert.True(FactText.IsPlain(m.Message) && !m.Raw.Contains("#0", StringComparison.Ordinal), FactText.OneLine(m.Message, 300)));
        Assert.Equal(HostileArgv.Values.Select(HostileArgv.IsLong), received.Select(m => m.Message.Contains(Marker, StringComparison.Ordinal)));
        Assert.Contains(received, m => m.Message.Contains("\\r\\nBcc: x@example.org", StringComparison.Ordinal));
    }

    /// <summary>
    /// Why the cap: the collector the tests run keeps rsyslog's default limit. A record
    /// of 8096 bytes arrives whole; of a longer one rsyslog keeps 8096 bytes, drops one,
    /// and makes a record of the rest, so the attacker's text after byte 8097 is a record of its own.
    /// </summary>
    [Fact]
    public async Task Rsyslog_with_its_default_limit_takes_8096_bytes_and_makes_a_record_of_what_follows_byte_8097()
    {
        await using var collector = await RsyslogCollector.StartAsync();
        var head = "<86>1 2011-02-05T07:13:00.000000Z engine1 luarm - alert - nobody ran /usr/bin/perl ";
        var whole = head + new string('W', SyslogSink.DefaultMaxMessageBytes - head.Length);
        var split = head + new string('A', SyslogSink.DefaultMaxMessageBytes + 1 - head.Length) + HostileArgv.ForgedRecord;
        split += new string('B', 10_966 - split.Length);

        using (var client = new TcpClient())
        {
            await client.ConnectAsync("127.0.0.1", collector.TcpPort);
            foreach (var record in new[] { whole, split })
            {
                await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{record.Length} {record}")));
            }
        }

        var received = await collector.WaitForAsync(3);
        Assert.Equal(3, received.Count);
        Assert.Equal(whole, received[0].Raw);
        Assert.Equal(SyslogSink.DefaultMaxMessageBytes, received[1].Raw.Length);
        Assert.Equal(("engine1", "luarm"), (received[1].Hostname, received[1].AppName));
        Assert.Equal(("bastion", "sshd"), (received[2].Hostname, received[2].AppName));
        Assert.StartsWith("Accepted password for root", received[2].Message);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(0)]
    public async Task Mail_gets_no_header_or_recipient_from_fact_text_in_single_mails_or_a_digest(int digestThreshold)
    {
        await using var server = await SmtpPeer.StartAsync();
        await using var delivery = await DeliveryHarness.CreateAsync(StoreDialect.Sqlite, clock => AlertSinks.Create(new SinksOptions
        {
            Email = new EmailSinkOptions
            {
                Host = "127.0.0.1",
                Port = server.Port,
                Security = "none",
                From = "LUARM <luarm@example.org>",
                DigestThreshold = digestThreshold,
                Routes = [new EmailRouteOptions { Name = "soc", To = ["soc@example.org"] }],
            },
        }, clock));
        var ids = await HostileArgv.RaiseAsync(delivery);

        var pass = await delivery.RunOnceAsync("email.soc");

        var mails = await server.WaitForAsync(digestThreshold == 0 ? 1 : ids.Count);
        Assert.Equal(ids.Count, pass.Delivered);
        Assert.Equal(digestThreshold == 0 ? 1 : ids.Count, mails.Count);
        string[] headers = ["From", "To", "Subject", "Message-Id", "Date", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "X-Luarm-Severity", "X-Luarm-Alert-Key", "X-Peer", "X-MailFrom", "X-RcptTo"];
        foreach (var mail in mails)
        {
            Assert.Equal("soc@example.org", mail.Headers["X-RcptTo"]);
            Assert.Equal(["soc@example.org"], mail.To.Mailboxes.Select(m => m.Address));
            Assert.Empty(mail.Cc);
            Assert.Empty(mail.Bcc);
            Assert.All(mail.Headers, h => Assert.Contains(h.Field, headers, StringComparer.OrdinalIgnoreCase));
            var subject = mail.Subject ?? "";
            Assert.True(FactText.IsPlain(subject) && subject.Length <= 200, subject);
            var lines = (mail.TextBody ?? "").ReplaceLineEndings("\n").Split('\n');
            Assert.All(lines, line => Assert.True(FactText.IsPlain(line), $"raw control character in: {FactText.OneLine(line, 200)}"));
            Assert.Equal(digestThreshold == 0 ? ids.Count : 1, lines.Count(l => l == "What to do next:"));
            Assert.DoesNotContain(lines, l => l.StartsWith("Bcc:", StringComparison.Ordinal) || l.StartsWith("Subject:", StringComparison.Ordinal));
        }
        var bodies = string.Join('\n', mails.Select(m => m.TextBody));
        Assert.Equal(HostileArgv.Values.Count(HostileArgv.IsLong), bodies.Split('\n').Count(l => l.StartsWith("Process:", StringComparison.Ordinal) && l.Contains(Marker, StringComparison.Ordinal)));
    }
}
