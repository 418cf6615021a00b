namespace Luarm.Engine.Sinks.Syslog;

/// <summary>The <c>sinks.syslog</c> section: one collector (rsyslog, syslog-ng, a SIEM).</summary>
public sealed class SyslogSinkOptions
{
    public string Host { get; set; } = "";

    /// <summary>Defaults by <see cref="Protocol"/>: 514 for udp and tcp, 6514 for tls.</summary>
    public int? Port { get; set; }

    /// <summary><c>tcp</c> (RFC 6587 octet counting), <c>tls</c> (RFC 5425) or <c>udp</c> (RFC 5426: lossy, nothing confirms receipt).</summary>
    public string Protocol { get; set; } = "tcp";

    /// <summary><c>rfc5424</c> with structured data, or <c>rfc3164</c> for old collectors.</summary>
    public string Format { get; set; } = "rfc5424";

    public string Facility { get; set; } = "authpriv";

    public string AppName { get; set; } = "luarm";

    /// <summary>The HOSTNAME field: the engine's machine (the audited host is in the structured data). Defaults to this machine's name.</summary>
    public string? Hostname { get; set; }

    /// <summary>The SD-ID of the structured data; 32473 is the private enterprise number reserved for examples (RFC 5612).</summary>
    public string StructuredDataId { get; set; } = "luarm@32473";

    /// <summary>For tls: PEM file of the CA that signed the collector's certificate, trusted besides the system's.</summary>
    public string? CaFile { get; set; }

    /// <summary>For tls: the name the collector's certificate must carry; defaults to <see cref="Host"/>.</summary>
    public string? ServerName { get; set; }

    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// The most bytes one record may have (the frame's length prefix aside): the
    /// collector's own limit, rsyslog's default <c>maxMessageSize</c> unless yours is set
    /// otherwise. A longer alert text is cut with a marker, never sent as two records.
    /// </summary>
    public int MaxMessageBytes { get; set; } = SyslogSink.DefaultMaxMessageBytes;

    public string MinSeverity { get; set; } = "info";
}
