namespace Luarm.Engine.Sinks.Email;

/// <summary>Who gets which alerts by mail: one route is one outbox channel, <c>email.NAME</c>.</summary>
public sealed class EmailRouteOptions
{
    /// <summary>Names the channel: lower-case letters, digits, '-' and '_'; never rename a route with pending mail.</summary>
    public string Name { get; set; } = "";

    public List<string> To { get; set; } = [];

    public string MinSeverity { get; set; } = "info";

    /// <summary>When given, only alerts with one of these tags (or a sub-tag: <c>attack.t1059</c> takes <c>attack.t1059.006</c>).</summary>
    public List<string> Tags { get; set; } = [];
}
