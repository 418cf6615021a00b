namespace Luarm.Benchmarks;

/// <summary>
/// Where a fleet's processes connect: a long tail of remote services whose
/// popularity follows Zipf's law (a handful of sites take most connections),
/// plus the local resolver and NTP pool, and unresolved addresses.
/// </summary>
public sealed class Destinations
{
    private const int Count = 50_000;

    private readonly Destination[] _all;
    private readonly double[] _cumulative;

    public Destinations()
    {
        _all = new Destination[Count];
        _cumulative = new double[Count];
        var total = 0.0;
        for (var rank = 0; rank < Count; rank++)
        {
            _all[rank] = Describe(rank);
            total += 1.0 / (rank + 1);
            _cumulative[rank] = total;
        }
        for (var rank = 0; rank < Count; rank++)
        {
            _cumulative[rank] /= total;
        }
    }

    public static Destination Resolver { get; } = new("udp", "resolver1.example.org", "10.0.0.53", 53);

    public static Destination TimeServer { get; } = new("udp", "0.debian.pool.ntp.org", "193.190.198.10", 123);

    /// <summary>A service drawn by popularity.</summary>
    public Destination Popular(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return _all[Math.Min(Count - 1, index < 0 ? ~index : index)];
    }

    /// <summary>An address nobody resolved: netinfo keeps destfqdn NULL.</summary>
    public static Destination Unresolved(Random random) =>
        new("tcp", null, $"{random.Next(1, 224)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}", random.Next(2) == 0 ? 443 : random.Next(1024, 65536));

    private static Destination Describe(int rank)
    {
        var ip = $"{(rank * 7919 % 222) + 1}.{rank * 104729 % 256}.{rank * 1299709 % 256}.{(rank % 254) + 1}";
        return (rank % 10) switch
        {
            _ when rank == 37 => new Destination("tcp", "irc.freenode.net", "130.239.18.119", 6667),
            _ when rank == 211 => new Destination("tcp", "irc.oftc.net", "82.195.75.116", 6697),
            0 or 1 or 2 => new Destination("tcp", $"www.site{rank}.com", ip, 80),
            3 or 4 or 5 => new Destination("tcp", $"www.site{rank}.com", ip, 443),
            6 => new Destination("tcp", $"a{rank}.cdn.akamaiedge.net", ip, 443),
            7 => new Destination("tcp", $"mirror{rank}.debian.org", ip, 80),
            8 => new Destination("tcp", $"mail{rank}.example.net", ip, rank % 3 == 0 ? 25 : 993),
            _ => new Destination("tcp", $"git{rank}.example.org", ip, 22),
        };
    }
}

/// <summary>One remote end: transport, name (null when unresolved), address and port.</summary>
public sealed record Destination(string Transport, string? Fqdn, string Ip, int Port);
