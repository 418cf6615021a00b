using System.Text.RegularExpressions;
using Luarm.Engine.Alerts;
using Luarm.Engine.Configuration;
using Luarm.Engine.Delivery;

namespace Luarm.Engine.Sinks.Syslog;

/// <summary>Sends each alert as one syslog message and confirms it as soon as the transport took it.</summary>
public sealed partial class SyslogSink : IAlertSink
{
    private static readonly Dictionary<string, int> DefaultPorts = new(StringComparer.OrdinalIgnoreCase) { ["udp"] = 514, ["tcp"] = 514, ["tls"] = 6514 };
    private static readonly string[] Formats = ["rfc5424", "rfc3164"];

    /// <summary>rsyslog's default <c>maxMessageSize</c> (its <c>glbl</c> default line length): a longer record is split in two.</summary>
    public const int DefaultMaxMessageBytes = 8096;

    /// <summary>RFC 5424 6.1 asks every receiver to take 2048 bytes; below that header and structured data leave MSG no room.</summary>
    private const int MinMessageBytes = 2048;

    /// <summary>The largest UDP payload over IPv4.</summary>
    private const int MaxMessageBytesLimit = 65507;

    private readonly ISyslogFormatter _formatter;
    private readonly ISyslogTransport _transport;

    private SyslogSink(ISyslogFormatter formatter, ISyslogTransport transport, ChannelFilter filter)
    {
        _formatter = formatter;
        _transport = transport;
        Filter = filter;
    }

    public string Channel => "syslog";

    public ChannelFilter Filter { get; }

    /// <returns>The sink, or null when <paramref name="options"/> has problems (then in <paramref name="errors"/>).</returns>
    internal static SyslogSink? Create(SyslogSinkOptions options, SettingErrors errors)
    {
        var before = errors.Problems.Count;
        errors.Require(nameof(options.Host), options.Host);
        errors.Port(nameof(options.Port), options.Port);
        errors.OneOf(nameof(options.Protocol), options.Protocol, DefaultPorts.Keys);
        errors.OneOf(nameof(options.Format), options.Format, Formats);
        errors.OneOf(nameof(options.Facility), options.Facility, SyslogPriority.Facilities.Keys.ToArray());
        errors.Range(nameof(options.TimeoutSeconds), options.TimeoutSeconds, 1, 600);
        errors.Range(nameof(options.MaxMessageBytes), options.MaxMessageBytes, MinMessageBytes, MaxMessageBytesLimit);
        var minSeverity = errors.Severity(nameof(options.MinSeverity), options.MinSeverity);
        var hostname = string.IsNullOrWhiteSpace(options.Hostname) ? Environment.MachineName : options.Hostname;
        if (!HeaderField().IsMatch(hostname) || hostname.Length > 255)
        {
            errors.Add(nameof(options.Hostname), $"'{hostname}' must be 1-255 printable ASCII characters without spaces");
        }
        if (!AppName().IsMatch(options.AppName))
        {
            errors.Add(nameof(options.AppName), $"'{options.AppName}' must be 1-32 letters, digits, '.', '_' or '-'");
        }
        if (!StructuredDataId().IsMatch(options.StructuredDataId) || options.StructuredDataId.Length > 32)
        {
            errors.Add(nameof(options.StructuredDataId), $"'{options.StructuredDataId}' must be NAME@NUMBER, at most 32 printable ASCII characters without '=', ']', '\"' or spaces");
        }
        var tls = string.Equals(options.Protocol, "tls", StringComparison.OrdinalIgnoreCase);
        if (!tls && (options.CaFile is not null || options.ServerName is not null))
        {
            errors.Add(options.CaFile is not null ? nameof(options.CaFile) : nameof(options.ServerName), "applies only to protocol tls");
        }
        var trust = tls ? TlsTrust.Load(errors, nameof(options.CaFile), options.CaFile) : TlsTrust.System;
        if (errors.Problems.Count > before)
        {
            return null;
        }

        var header = new SyslogHeader(SyslogPriority.Facilities[options.Facility], hostname, options.AppName, options.StructuredDataId);
        ISyslogFormatter formatter = string.Equals(options.Format, "rfc3164", StringComparison.OrdinalIgnoreCase)
            ? new Rfc3164Formatter(header, options.MaxMessageBytes)
            : new Rfc5424Formatter(header, options.MaxMessageBytes);
        var port = options.Port ?? DefaultPorts[options.Protocol];
        ISyslogTransport transport = string.Equals(options.Protocol, "udp", StringComparison.OrdinalIgnoreCase)
            ? new SyslogUdpTransport(options.Host, port)
            : new SyslogTcpTransport(options.Host, port, TimeSpan.FromSeconds(options.TimeoutSeconds), tls ? (trust, options.ServerName ?? options.Host) : null);
        return new SyslogSink(formatter, transport, new ChannelFilter(minSeverity, []));
    }

    public async Task DeliverAsync(IReadOnlyList<AlertReport> alerts, AlertsDelivered delivered, CancellationToken cancel)
    {
        foreach (var alert in alerts)
        {
            await _transport.SendAsync(_formatter.Format(alert), cancel);
            await delivered([alert], cancel);
        }
    }

    public ValueTask DisposeAsync() => _transport.DisposeAsync();

    [GeneratedRegex("^[\\x21-\\x7E]+$")]
    private static partial Regex HeaderField();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,32}$")]
    private static partial Regex AppName();

    [GeneratedRegex("^[\\x21-\\x7E-[=\\]\"]]+@[0-9][0-9.]*$")]
    private static partial Regex StructuredDataId();
}
