using Luarm.Agent.Interop;
using Luarm.Store.Inventory;

namespace Luarm.Agent.Inventory;

/// <summary>
/// The interfaces that are up and their addresses, from rtnetlink: one row per address
/// (<c>ip</c>, <c>subnet</c> as the mask in the address's notation, the link's MAC),
/// and one row with <c>ipversion</c> 0 and no address for an interface that has none.
/// Only interfaces that are up (IFF_UP), as LUARM's <c>ifconfig</c> listed them: an
/// interface taken down ends its rows, brought up again it has new ones. Every
/// interface, up or not, is in <c>hwinfo</c> (the device collector).
/// </summary>
public sealed class NetInterfaceSource()
    : RouteNetlinkSource<NetInterface>(RouteNetlink.RTMGRP_LINK | RouteNetlink.RTMGRP_IPV4_IFADDR | RouteNetlink.RTMGRP_IPV6_IFADDR)
{
    private protected override IReadOnlyList<NetInterface> Read(NetlinkSocket dumps, byte[] buffer)
    {
        var links = RouteNetlink.Links(dumps, buffer).Where(link => link.Up);
        var addresses = RouteNetlink.Addresses(dumps, buffer).ToLookup(a => a.Index);
        return [.. links.SelectMany(link => addresses[link.Index].Any()
            ? addresses[link.Index].Select(address => new NetInterface
            {
                IntName = link.Name,
                IpVersion = NetMask.VersionOf(address.Address),
                Ip = address.Address.ToString(),
                Subnet = NetMask.Of(address.Address, address.PrefixLength).ToString(),
                MacAddr = link.Hardware,
            })
            : [new NetInterface { IntName = link.Name, IpVersion = 0, MacAddr = link.Hardware }])];
    }
}
