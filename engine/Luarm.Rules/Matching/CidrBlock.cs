using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Luarm.Rules.Matching;

/// <summary>An address block such as 10.20.0.0/16 or 2001:db8::/32.</summary>
public sealed class CidrBlock
{
    private readonly byte[] _network;
    private readonly int _prefix;

    private CidrBlock(byte[] network, int prefix)
    {
        _network = network;
        _prefix = prefix;
    }

    /// <summary>Parses "address/prefix" (a bare address is a block of one); null when malformed.</summary>
    public static CidrBlock? Parse(string text)
    {
        var slash = text.IndexOf('/');
        Span<byte> parsed = stackalloc byte[16];
        var length = ParseAddress(slash < 0 ? text : text[..slash], parsed);
        if (length == 0)
        {
            return null;
        }
        var bytes = parsed[..length].ToArray();
        var prefix = bytes.Length * 8;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bytes.Length * 8))
        {
            return null;
        }
        return new CidrBlock(bytes, prefix);
    }

    public bool Contains(ReadOnlySpan<byte> address)
    {
        if (address.Length != _network.Length)
        {
            return false;
        }
        var whole = _prefix / 8;
        if (!address[..whole].SequenceEqual(_network.AsSpan(0, whole)))
        {
            return false;
        }
        var rest = _prefix % 8;
        if (rest == 0)
        {
            return true;
        }
        var mask = (byte)(0xFF << (8 - rest));
        return (address[whole] & mask) == (_network[whole] & mask);
    }

    /// <summary>
    /// Writes the address bytes of <paramref name="text"/> into <paramref name="into"/> (16 bytes).
    /// IPv4 is parsed by hand, without allocating; IPv4-mapped IPv6 counts as IPv4.
    /// </summary>
    public static int ParseAddress(ReadOnlySpan<char> text, Span<byte> into)
    {
        if (text.IndexOf(':') < 0)
        {
            return ParseIPv4(text, into) ? 4 : 0;
        }
        if (!IPAddress.TryParse(text, out var address))
        {
            return 0;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return address.TryWriteBytes(into, out var written) && address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 ? written : 0;
    }

    private static bool ParseIPv4(ReadOnlySpan<char> text, Span<byte> into)
    {
        var part = 0;
        var value = -1;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (value < 0 || part == 3)
                {
                    return false;
                }
                into[part++] = (byte)value;
                value = -1;
            }
            else if (c is >= '0' and <= '9')
            {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }
        if (value < 0 || part != 3)
        {
            return false;
        }
        into[3] = (byte)value;
        return true;
    }
}
