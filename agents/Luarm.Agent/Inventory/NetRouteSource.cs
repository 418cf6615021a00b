using Luarm.Agent.Interop;
using Luarm.Store.Inventory;

namespace Luarm.Agent.Inventory;

/// <summary>
/// The main routing table from rtnetlink, IPv4 and IPv6 (<c>route -n</c>'s rows):
/// destination network, its mask in the address's notation, the gateway (none for
/// a directly connected network) and the interface by name.
/// </summary>
public sealed class NetRouteSource()
    : RouteNetlinkSource<NetRoute>(RouteNetlink.RTMGRP_LINK | RouteNetlink.RTMGRP_IPV4_ROUTE | RouteNetlink.RTMGRP_IPV6_ROUTE)
{
    private protected override IReadOnlyList<NetRoute> Read(NetlinkSocket dumps, byte[] buffer)
    {
        var names = RouteNetlink.Links(dumps, buffer).ToDictionary(link => link.Index, link => link.Name);
        return [.. RouteNetlink.Routes(dumps, buffer).Select(route => new NetRoute
        {
            IntName = names.GetValueOrDefault(route.OutIndex, ""),
            IpVersion = NetMask.VersionOf(route.Destination),
            NetIp = route.Destination.ToString(),
            RouteNetmask = NetMask.Of(route.Destination, route.PrefixLength).ToString(),
            DefGw = route.Gateway?.ToString(),
        })];
    }
}
