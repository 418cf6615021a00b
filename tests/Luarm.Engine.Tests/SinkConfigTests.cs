using Luarm.Engine.Configuration;
using Luarm.Engine.Sinks;
using Luarm.Engine.Sinks.Console;
using Luarm.Engine.Sinks.Email;
using Luarm.Engine.Sinks.JsonLines;
using Luarm.Engine.Sinks.Syslog;

namespace Luarm.Engine.Tests;

public sealed class SinkConfigTests
{
    [Fact]
    public void Every_broken_setting_is_reported_at_start_under_its_name()
    {
        var unset = "LUARM_TEST_UNSET_" + Guid.NewGuid().ToString("N");
        var options = new SinksOptions
        {
            Email = new EmailSinkOptions
            {
                Port = 70000,
                Security = "ssl",
                From = "luarm at example",
                Username = "luarm",
                PasswordEnv = unset,
                Routes = [new EmailRouteOptions { Name = "SOC!", MinSeverity = "urgent" }, new EmailRouteOptions { Name = "dba", To = ["dba@example.org"], Tags = [""] }],
            },
            Syslog = new SyslogSinkOptions { Host = "collector", Port = 0, Protocol = "tls", Format = "rfc5425", Facility = "local9", AppName = "luarm engine", CaFile = "/nonexistent/ca.pem" },
            Console = new ConsoleSinkOptions { MinSeverity = "loud" },
            JsonLines = new JsonLinesSinkOptions { Path = "/tmp" },
        };

        var error = Assert.Throws<SinkConfigException>(() => AlertSinks.Create(options));

        Assert.Equal(
        [
            "sinks.email.host: is required",
            "sinks.email.port: must be 1-65535",
            "sinks.email.security: 'ssl' is not one of starttls, tls, none",
            "sinks.email.from: 'luarm at example' is not a mail address",
            $"sinks.email.password_env: environment variable {unset} is not set",
            "sinks.email.routes[0].name: 'SOC!' must be 1-32 lower-case letters, digits, '-' or '_'",
            "sinks.email.routes[0].to: name at least one recipient",
            "sinks.email.routes[0].min_severity: 'urgent' is not one of info, low, medium, high, critical",
            "sinks.email.routes[1].tags: a tag is empty",
            "sinks.syslog.port: must be 1-65535",
            "sinks.syslog.format: 'rfc5425' is not one of rfc5424, rfc3164",
            "sinks.syslog.facility: 'local9' is not one of kern, user, mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp, local0, local1, local2, local3, local4, local5, local6, local7",
            "sinks.syslog.app_name: 'luarm engine' must be 1-32 letters, digits, '.', '_' or '-'",
            "sinks.syslog.ca_file: cannot read /nonexistent/ca.pem",
            "sinks.console.min_severity: 'loud' is not one of info, low, medium, high, critical",
            "sinks.json_lines.path: /tmp is a folder; name the file alerts are appended to",
        ], error.Problems.Select(p => p.Split(" (")[0]));
        Assert.Equal(error.Problems, error.Message.Split(Environment.NewLine));
    }

    [Fact]
    public void A_password_comes_from_one_place_only_and_never_without_a_user()
    {
        var folder = Directory.CreateTempSubdirectory("luarm-secret-");
        try
        {
            var both = Email(o => (o.Username, o.Password, o.PasswordFile) = ("luarm", "inline", Path.Combine(folder.FullName, "password")));
            var missingFile = Email(o => (o.Username, o.PasswordFile) = ("luarm", Path.Combine(folder.FullName, "absent")));
            var noUser = Email(o => o.Password = "inline");

            Assert.Equal(["sinks.email.password: set only one of sinks.email.password, sinks.email.password_env, sinks.email.password_file"], Problems(both));
            Assert.StartsWith($"sinks.email.password_file: cannot read {folder.FullName}/absent (", Assert.Single(Problems(missingFile)));
            Assert.Equal(["sinks.email.username: set username and a password together, or neither"], Problems(noUser));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_login_over_plain_smtp_is_refused_unless_the_link_is_declared_trusted()
    {
        var refused = Email(o => (o.Security, o.Username, o.Password) = ("none", "luarm", "s3cret"));
        var allowed = Email(o => (o.Security, o.Username, o.Password, o.AllowPlaintextLogin) = ("none", "luarm", "s3cret", true));
        var noLogin = Email(o => o.Security = "none");

        Assert.Equal(["sinks.email.security: 'none' with a login sends the password in clear; use starttls or tls, or set allow_plaintext_login: true if the link to the relay is trusted"], Problems(refused));
        Assert.Equal(["email.soc"], AlertSinks.Create(new SinksOptions { Email = allowed }).Select(s => s.Channel));
        Assert.Equal(["email.soc"], AlertSinks.Create(new SinksOptions { Email = noLogin }).Select(s => s.Channel));
    }

    [Fact]
    public void Value_and_record_limits_leave_room_for_a_readable_alert()
    {
        var error = Assert.Throws<SinkConfigException>(() => AlertSinks.Create(new SinksOptions
        {
            Email = Email(o => o.MaxValueChars = 10),
            Syslog = new SyslogSinkOptions { Host = "127.0.0.1", MaxMessageBytes = 1024 },
            Console = new ConsoleSinkOptions { MaxValueChars = 0 },
        }));

        Assert.Equal(
        [
            "sinks.email.max_value_chars: must be 64-1048576",
            "sinks.syslog.max_message_bytes: must be 2048-65507",
            "sinks.console.max_value_chars: must be 64-1048576",
        ], error.Problems);
    }

    [Fact]
    public void A_working_configuration_gives_one_channel_per_mail_route_and_one_per_other_sink()
    {
        var sinks = AlertSinks.Create(new SinksOptions
        {
            Email = Email(o => o.Routes.Add(new EmailRouteOptions { Name = "dba", To = ["dba@example.org"] })),
            Syslog = new SyslogSinkOptions { Host = "127.0.0.1" },
            Console = new ConsoleSinkOptions(),
            JsonLines = new JsonLinesSinkOptions { Path = Path.Combine(Path.GetTempPath(), "alerts.jsonl") },
        });

        Assert.Equal(["email.soc", "email.dba", "syslog", "console", "json_lines"], sinks.Select(s => s.Channel));
    }

    private static EmailSinkOptions Email(Action<EmailSinkOptions> change)
    {
        var options = new EmailSinkOptions { Host = "mail.example.org", From = "luarm@example.org", Routes = [new EmailRouteOptions { Name = "soc", To = ["soc@example.org"] }] };
        change(options);
        return options;
    }

    private static IReadOnlyList<string> Problems(EmailSinkOptions email) =>
        Assert.Throws<SinkConfigException>(() => AlertSinks.Create(new SinksOptions { Email = email })).Problems;
}
