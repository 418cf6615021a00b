namespace Luarm.Engine.Sinks.Syslog;

/// <summary>How messages reach the collector.</summary>
internal interface ISyslogTransport : IAsyncDisposable
{
    /// <summary>Returns once the message is handed over (TCP/TLS: written and flushed on a live connection; UDP: sent); throws otherwise.</summary>
    Task SendAsync(byte[] message, CancellationToken cancel);
}
