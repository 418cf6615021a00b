using System.Text;
using Luarm.Engine.Alerts;
using Luarm.Engine.Sinks.Syslog;
using Luarm.Store.Alerts;

namespace Luarm.Engine.Tests;

public sealed class SyslogFormatTests
{
    private static readonly AlertReport Report = new(new StoredAlert
    {
        AlertId = 7,
        AlertKey = "k3y",
        RuleId = "R\"1]",
        Severity = "medium",
        HostId = 1,
        FirstSeen = new DateTime(2011, 2, 5, 7, 12, 0, DateTimeKind.Utc),
        LastSeen = new DateTime(2011, 2, 5, 7, 13, 0, 250, DateTimeKind.Utc),
        Message = "été\nà Paris",
        Tags = "",
    }, "web1", []);

    private static readonly SyslogHeader Header = new(16, "engine1", "luarm", "luarm@32473");

    [Fact]
    public void Rfc5424_puts_the_alert_in_structured_data_and_marks_the_utf8_message_with_a_bom()
    {
        var bytes = new Rfc5424Formatter(Header, SyslogSink.DefaultMaxMessageBytes).Format(Report);

        var text = Encoding.UTF8.GetString(bytes);
        Assert.Equal(
            "<132>1 2011-02-05T07:13:00.250000Z engine1 luarm - alert [luarm@32473 alertid=\"7\" alertkey=\"k3y\" ruleid=\"R\\\"1\\]\" severity=\"medium\" hostid=\"1\" host=\"web1\"] "
            + "\uFEFF[medium] R\"1] on web1: été\\nà Paris", text);
        var messageStart = Encoding.UTF8.GetByteCount(text[..text.IndexOf('\uFEFF', StringComparison.Ordinal)]);
        Assert.Equal([0xEF, 0xBB, 0xBF, (byte)'['], bytes[messageStart..(messageStart + 4)]);
    }

    [Fact]
    public void Rfc3164_has_a_zone_less_timestamp_with_a_space_padded_day()
    {
        var text = Encoding.UTF8.GetString(new Rfc3164Formatter(Header, SyslogSink.DefaultMaxMessageBytes).Format(Report));

        Assert.Equal("<132>Feb  5 07:13:00 engine1 luarm: [medium] R\"1] on web1: été\\nà Paris (alert 7, key k3y)", text);
    }

    [Theory]
    [InlineData("rfc5424", 2048)]
    [InlineData("rfc5424", 2049)]
    [InlineData("rfc5424", 2050)]
    [InlineData("rfc5424", 8096)]
    [InlineData("rfc3164", 2048)]
    [InlineData("rfc3164", 2051)]
    public void A_long_message_is_cut_on_a_utf8_boundary_to_fit_the_record_limit(string format, int limit)
    {
        var alert = Report.Alert;
        var report = Report with
        {
            Alert = new StoredAlert
            {
                AlertId = alert.AlertId,
                AlertKey = alert.AlertKey,
                RuleId = new string('r', 5_000),
                Severity = alert.Severity,
                HostId = alert.HostId,
                LastSeen = alert.LastSeen,
                Message = string.Concat(Enumerable.Repeat("é中\U0001F600\n", 5_000)),
                Tags = "",
            },
        };
        ISyslogFormatter formatter = format == "rfc5424" ? new Rfc5424Formatter(Header, limit) : new Rfc3164Formatter(Header, limit);

        var bytes = formatter.Format(report);

        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.InRange(bytes.Length, limit - 30, limit);
        Assert.DoesNotContain(bytes, b => b is < 0x20 or 0x7F);
        Assert.Matches(format == "rfc5424" ? "ruleid=\"r{100,128}…\\[cut [0-9]+ chars\\\\\\]\".*…\\[cut [0-9]+ bytes\\]$" : "…\\[cut [0-9]+ bytes\\] \\(alert 7, key k3y\\)$", text);
    }

    [Fact]
    public void Octet_counting_counts_bytes_not_characters()
    {
        var framed = OctetCountingFraming.Frame(Encoding.UTF8.GetBytes("é\n"));

        Assert.Equal([.. "3 "u8, 0xC3, 0xA9, 0x0A], framed);
    }
}
