using Luarm.Store.Vocabulary;

namespace Luarm.Store.Facts;

/// <summary>A network endpoint opened by a process: one row of LUARM's <c>netinfo</c>.</summary>
[FactTable("netinfo", "endpointinfo", Kind = "endpoint")]
public sealed class EndpointFact : IFact
{
    long IFact.Id => EndpointInfo;

    public long EndpointInfo { get; set; }
    public int HostId { get; set; }
    public string Transport { get; set; } = "";
    public string SourceIp { get; set; } = "";
    public string? SourceFqdn { get; set; }
    public int SourcePort { get; set; }
    public string DestIp { get; set; } = "";
    public string? DestFqdn { get; set; }
    public int DestPort { get; set; }
    public int IpVersion { get; set; }
    public string Username { get; set; } = "";
    public int? Uid { get; set; }
    public int Pid { get; set; }
    public string Application { get; set; } = "";
    public string? Md5Sum { get; set; }

    /// <summary>SHA-256 of the executable behind the endpoint, beside <see cref="Md5Sum"/>.</summary>
    public string? Sha256 { get; set; }

    /// <summary>The audit login uid: who logged in, unchanged by sudo or su. NULL when unknown or unset.</summary>
    public int? LoginUid { get; set; }

    /// <summary>The name of <see cref="LoginUid"/> on the host when the fact was seen.</summary>
    public string? LoginName { get; set; }

    /// <summary>The kernel's audit session id. NULL when unknown or unset.</summary>
    public long? SessionId { get; set; }

    public DateTime Created { get; set; }
    public DateTime? Destroyed { get; set; }
}
