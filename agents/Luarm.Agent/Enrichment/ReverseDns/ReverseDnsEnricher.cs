using System.Net;
using Luarm.Store.Facts;

namespace Luarm.Agent.Enrichment.ReverseDns;

/// <summary>
/// Fills netinfo <c>sourcefqdn</c> and <c>destfqdn</c> with the names of the addresses
/// (LUARM's pivot: <c>where destfqdn='undernet.irc.justedge.net'</c>). An address without
/// a name, a miss, a lookup not answered in time and a name that is not plain host-name
/// text leave the column NULL. Unspecified addresses (a listening socket's 0.0.0.0, ::,
/// audit's empty source) are not looked up; an IPv4 address seen on an IPv6 socket
/// (<c>::ffff:192.0.2.1</c>) is looked up as the IPv4 address it is.
/// </summary>
internal sealed class ReverseDnsEnricher(NameLookups lookups) : IFactEnricher
{
    public PendingEnrichment? Begin(object row)
    {
        if (row is not EndpointFact endpoint)
        {
            return null;
        }
        var source = Find(endpoint.SourceIp, name => endpoint.SourceFqdn = name);
        var dest = Find(endpoint.DestIp, name => endpoint.DestFqdn = name);
        Task<string?>[] pending = [.. new[] { source, dest }.OfType<Task<string?>>()];
        return pending.Length == 0 ? null : new PendingEnrichment(Task.WhenAll(pending), () =>
        {
            Fill(source, name => endpoint.SourceFqdn = name);
            Fill(dest, name => endpoint.DestFqdn = name);
        });
    }

    private Task<string?>? Find(string address, Action<string?> fill)
    {
        if (!IPAddress.TryParse(address, out var ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
        {
            return null;
        }
        var (known, name, pending) = lookups.Find(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);
        if (known)
        {
            fill(name);
        }
        return pending;
    }

    private static void Fill(Task<string?>? lookup, Action<string?> fill)
    {
        if (lookup is { IsCompletedSuccessfully: true })
        {
            fill(lookup.Result);
        }
    }

    public void Dispose() => lookups.Dispose();
}
