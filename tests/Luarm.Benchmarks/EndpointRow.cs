using Luarm.Store.Facts;

namespace Luarm.Benchmarks;

/// <summary>A netinfo row as a host's agent reports one connection of a process (the time is set by the caller).</summary>
public static class EndpointRow
{
    public static EndpointFact Of(FleetHost host, Account account, int pid, string program, string md5, Destination target, Random random) => new()
    {
        HostId = host.Id,
        Transport = target.Transport,
        SourceIp = host.Ip,
        SourceFqdn = host.Fqdn,
        SourcePort = random.Next(32768, 61000),
        DestIp = target.Ip,
        DestFqdn = target.Fqdn,
        DestPort = target.Port,
        IpVersion = 4,
        Username = account.Username,
        Uid = account.Uid,
        Pid = pid,
        Application = program,
        Md5Sum = md5,
    };
}
