namespace Luarm.Engine.Sinks.Syslog;

/// <summary>What every message of the sink carries besides the alert: who sends it and how it is filed.</summary>
internal sealed record SyslogHeader(int Facility, string Hostname, string AppName, string StructuredDataId);
