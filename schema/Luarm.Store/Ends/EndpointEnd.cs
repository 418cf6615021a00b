using Luarm.Store.Vocabulary;

namespace Luarm.Store.Ends;

/// <summary>
/// The close of an endpoint, appended by an agent and applied to
/// <c>netinfo.destroyed</c> by the server.
/// </summary>
[FactTable("netend", "netendid")]
public sealed class EndpointEnd
{
    public long NetEndId { get; set; }
    public int HostId { get; set; }
    public int Pid { get; set; }
    public string Transport { get; set; } = "";
    public string SourceIp { get; set; } = "";
    public int SourcePort { get; set; }
    public string DestIp { get; set; } = "";
    public int DestPort { get; set; }
    public DateTime Destroyed { get; set; }
}
