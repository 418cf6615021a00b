using System.Buffers.Binary;
using System.Net;
using Luarm.Agent.Interop;

namespace Luarm.Agent.Tests;

/// <summary>
/// rtnetlink payloads laid out as linux/rtnetlink.h defines them, then cut, overrun and
/// scrambled: a parser returns what it can read or null, and never reads past its span.
/// </summary>
public sealed class RouteNetlinkParsingTests
{
    private const byte AF_INET = 2;
    private const byte AF_INET6 = 10;

    [Fact]
    public void A_link_is_read_with_its_name_hardware_address_and_up_flag()
    {
        Assert.Equal(new Link(7, "eth9", "02:fc:00:00:00:01", Up: true), RouteNetlink.ParseLink(LinkPayload(flags: 0x1 | 0x40)));
        Assert.Equal(new Link(7, "eth9", "02:fc:00:00:00:01", Up: false), RouteNetlink.ParseLink(LinkPayload(flags: 0x40)));
    }

    [Fact]
    public void Every_cut_of_a_message_is_read_without_overrun_and_one_shorter_than_its_header_is_null()
    {
        var link = LinkPayload(flags: 1);
        var address = AddressPayload();
        var route = RoutePayload();
        for (var length = 0; length <= link.Length; length++)
        {
            var parsed = RouteNetlink.ParseLink(link.AsSpan(0, length));
            Assert.True(length >= 16 || parsed is null);
        }
        for (var length = 0; length <= address.Length; length++)
        {
            var parsed = RouteNetlink.ParseAddress(address.AsSpan(0, length));
            Assert.True(length >= 8 || parsed is null);
        }
        for (var length = 0; length <= route.Length; length++)
        {
            var parsed = RouteNetlink.ParseRoute(route.AsSpan(0, length));
            Assert.True(length >= 12 || parsed is null);
        }
        Assert.Equal(new LinkAddress(3, IPAddress.Parse("198.51.100.7"), 24), RouteNetlink.ParseAddress(address));
        Assert.Equal(new Route(3, IPAddress.Parse("198.51.100.0"), 24, IPAddress.Parse("198.51.100.1")), RouteNetlink.ParseRoute(route));
    }

    [Theory]
    [InlineData(0xffff)]
    [InlineData(3)]
    [InlineData(0)]
    public void An_attribute_whose_length_is_impossible_ends_the_attributes(int length)
    {
        var payload = LinkPayload(flags: 1);
        // The first attribute is the name: with a broken length, nothing after the header is read.
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(16), (ushort)length);

        Assert.Null(RouteNetlink.ParseLink(payload));
    }

    [Fact]
    public void An_address_of_the_wrong_size_for_its_family_is_no_address()
    {
        var payload = new byte[8 + 12];
        payload[0] = AF_INET;
        Attribute(payload.AsSpan(8), type: 1, value: [198, 51, 100, 7, 9, 9, 9, 9]); // IFA_ADDRESS of 8 bytes for IPv4

        Assert.Null(RouteNetlink.ParseAddress(payload));
    }

    [Fact]
    public void Random_bytes_never_make_a_parser_throw()
    {
        var random = new Random(20261203);
        var payload = new byte[96];
        for (var i = 0; i < 20_000; i++)
        {
            random.NextBytes(payload);
            var span = payload.AsSpan(0, random.Next(payload.Length + 1));
            payload[0] = (i % 3) switch { 0 => AF_INET, 1 => AF_INET6, _ => payload[0] };
            payload[7] = i % 2 == 0 ? (byte)1 : payload[7]; // RTN_UNICAST, so the route parser reads the attributes
            // Small attribute lengths, so random runs of attributes are walked rather than stopped at the first.
            if (span.Length >= 18)
            {
                span[16] = (byte)(4 + (span[16] % 24));
                span[17] = 0;
            }
            _ = RouteNetlink.ParseLink(span);
            _ = RouteNetlink.ParseAddress(span);
            _ = RouteNetlink.ParseRoute(span);
        }
    }

    private static byte[] LinkPayload(uint flags)
    {
        var payload = new byte[16 + 12 + 12];
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(4), 7); // ifi_index
        BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(8), flags); // ifi_flags
        Attribute(payload.AsSpan(16), type: 3, value: "eth9\0"u8); // IFLA_IFNAME
        Attribute(payload.AsSpan(28), type: 1, value: [0x02, 0xfc, 0, 0, 0, 1]); // IFLA_ADDRESS
        return payload;
    }

    private static byte[] AddressPayload()
    {
        var payload = new byte[8 + 8 + 8];
        (payload[0], payload[1]) = (AF_INET, 24); // ifa_family, ifa_prefixlen
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(4), 3); // ifa_index
        Attribute(payload.AsSpan(8), type: 1, value: [198, 51, 100, 7]); // IFA_ADDRESS
        Attribute(payload.AsSpan(16), type: 2, value: [198, 51, 100, 7]); // IFA_LOCAL
        return payload;
    }

    private static byte[] RoutePayload()
    {
        var payload = new byte[12 + 8 + 8 + 8];
        (payload[0], payload[1], payload[4], payload[7]) = (AF_INET, 24, 254, 1); // family, dst_len, RT_TABLE_MAIN, RTN_UNICAST
        Attribute(payload.AsSpan(12), type: 1, value: [198, 51, 100, 0]); // RTA_DST
        Attribute(payload.AsSpan(20), type: 5, value: [198, 51, 100, 1]); // RTA_GATEWAY
        Attribute(payload.AsSpan(28), type: 4, value: [3, 0, 0, 0]); // RTA_OIF
        return payload;
    }

    /// <summary>One struct rtattr: length (header included), type, value.</summary>
    private static void Attribute(Span<byte> at, ushort type, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(at[2..], type);
        value.CopyTo(at[4..]);
    }
}
