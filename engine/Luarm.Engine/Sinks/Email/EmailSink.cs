using System.Net;
using Luarm.Engine.Alerts;
using Luarm.Engine.Configuration;
using Luarm.Engine.Delivery;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Luarm.Engine.Sinks.Email;

/// <summary>
/// Mails alerts through one SMTP server (MailKit): one sink per route, so each
/// route's recipients are retried on their own. Each delivery is one SMTP
/// session; a mail counts as delivered once the server accepted it.
/// </summary>
public sealed class EmailSink : IAlertSink
{
    private static readonly Dictionary<string, (SecureSocketOptions Socket, int Port)> SecurityModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["starttls"] = (SecureSocketOptions.StartTls, 587),
        ["tls"] = (SecureSocketOptions.SslOnConnect, 465),
        ["none"] = (SecureSocketOptions.None, 25),
    };

    private readonly EmailSinkOptions _server;
    private readonly SecureSocketOptions _security;
    private readonly int _port;
    private readonly NetworkCredential? _credential;
    private readonly TlsTrust _trust;
    private readonly AlertMail _mail;
    private readonly MailRate _rate;

    private EmailSink(EmailSinkOptions server, string route, ChannelFilter filter, NetworkCredential? credential, TlsTrust trust, AlertMail mail, TimeProvider time)
    {
        _server = server;
        (_security, var defaultPort) = SecurityModes[server.Security];
        _port = server.Port ?? defaultPort;
        _credential = credential;
        _trust = trust;
        _mail = mail;
        _rate = new MailRate(server.DigestThreshold, time);
        Channel = $"email.{route}";
        Filter = filter;
    }

    public string Channel { get; }

    public ChannelFilter Filter { get; }

    /// <summary>One sink per route of <paramref name="options"/>; problems go to <paramref name="errors"/> and no sink is made.</summary>
    internal static IReadOnlyList<EmailSink> Create(EmailSinkOptions options, SettingErrors errors, TimeProvider time)
    {
        var before = errors.Problems.Count;
        errors.Require(nameof(options.Host), options.Host);
        errors.Port(nameof(options.Port), options.Port);
        errors.OneOf(nameof(options.Security), options.Security, SecurityModes.Keys);
        errors.Range(nameof(options.TimeoutSeconds), options.TimeoutSeconds, 1, 600);
        errors.Range(nameof(options.DigestThreshold), options.DigestThreshold, 0, 10_000);
        errors.Require(nameof(options.From), options.From);
        var from = Mailbox(errors, nameof(options.From), options.From);
        var password = Secret.Resolve(errors, nameof(options.Password), options.Password, options.PasswordEnv, options.PasswordFile);
        var passwordGiven = new[] { options.Password, options.PasswordEnv, options.PasswordFile }.Any(v => !string.IsNullOrEmpty(v));
        if (string.IsNullOrEmpty(options.Username) == passwordGiven)
        {
            errors.Add(passwordGiven ? nameof(options.Username) : nameof(options.Password), "set username and a password together, or neither");
        }
        if (passwordGiven && string.Equals(options.Security, "none", StringComparison.OrdinalIgnoreCase) && !options.AllowPlaintextLogin)
        {
            errors.Add(nameof(options.Security), "'none' with a login sends the password in clear; use starttls or tls, or set allow_plaintext_login: true if the link to the relay is trusted");
        }
        errors.Range(nameof(options.MaxValueChars), options.MaxValueChars, AlertText.MinValueChars, AlertText.MaxValueCharsLimit);
        var trust = TlsTrust.Load(errors, nameof(options.CaFile), options.CaFile);
        var credential = string.IsNullOrEmpty(options.Username) ? null : new NetworkCredential(options.Username, password);

        if (options.Routes.Count == 0)
        {
            errors.Add(nameof(options.Routes), "add at least one route (name, to, and optionally min_severity and tags)");
        }
        var routes = new List<(string Name, ChannelFilter Filter, List<MailboxAddress> To)>();
        for (var i = 0; i < options.Routes.Count; i++)
        {
            var route = options.Routes[i];
            var routeErrors = errors.Child($"{nameof(options.Routes)}[{i}]");
            if (!RouteName.IsValid(route.Name))
            {
                routeErrors.Add(nameof(route.Name), $"'{route.Name}' must be 1-32 lower-case letters, digits, '-' or '_'");
            }
            else if (routes.Any(r => r.Name == route.Name))
            {
                routeErrors.Add(nameof(route.Name), $"'{route.Name}' is used by another route");
            }
            if (route.To.Count == 0)
            {
                routeErrors.Add(nameof(route.To), "name at least one recipient");
            }
            var minSeverity = routeErrors.Severity(nameof(route.MinSeverity), route.MinSeverity);
            if (route.Tags.Any(string.IsNullOrWhiteSpace))
            {
                routeErrors.Add(nameof(route.Tags), "a tag is empty");
            }
            var to = route.To.Select(address => Mailbox(routeErrors, nameof(route.To), address)).OfType<MailboxAddress>().ToList();
            routes.Add((route.Name, new ChannelFilter(minSeverity, route.Tags.ToArray()), to));
        }
        if (errors.Problems.Count > before)
        {
            return [];
        }
        return routes.Select(r => new EmailSink(options, r.Name, r.Filter, credential, trust, new AlertMail(from!, r.To, new AlertText(options.MaxValueChars), time), time)).ToArray();
    }

    public async Task DeliverAsync(IReadOnlyList<AlertReport> alerts, AlertsDelivered delivered, CancellationToken cancel)
    {
        if (alerts.Count == 0)
        {
            return;
        }
        var digest = alerts.Count > 1 && alerts.Count > _rate.Remaining;
        var mails = digest
            ? [(_mail.Digest(alerts), alerts)]
            : alerts.Select(alert => (Message: _mail.Single(alert), Alerts: (IReadOnlyList<AlertReport>)[alert]));

        using var client = new SmtpClient
        {
            Timeout = _server.TimeoutSeconds * 1000,
            ServerCertificateValidationCallback = _trust.Validate,
        };
        await client.ConnectAsync(_server.Host, _port, _security, cancel);
        if (_credential is not null)
        {
            await client.AuthenticateAsync(_credential, cancel);
        }
        foreach (var (message, sent) in mails)
        {
            await client.SendAsync(message, cancel);
            if (!digest)
            {
                _rate.Sent();
            }
            await delivered(sent, cancel);
        }
        await client.DisconnectAsync(quit: true, cancel);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static MailboxAddress? Mailbox(SettingErrors errors, string property, string address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }
        if (MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal))
        {
            return mailbox;
        }
        errors.Add(property, $"'{address}' is not a mail address");
        return null;
    }
}
