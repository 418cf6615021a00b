using System.Net;

namespace Luarm.Agent.Enrichment;

/// <summary>What the agent adds to rows before they are queued, and the bounds of that work.</summary>
public sealed class EnrichOptions
{
    /// <summary>
    /// How long a row may wait for its enrichments before it is queued without them
    /// (their answers still fill the caches for later rows). Zero: rows never wait and
    /// carry only what is cached.
    /// </summary>
    public TimeSpan Wait { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Fill netinfo <c>sourcefqdn</c>/<c>destfqdn</c> by reverse DNS.</summary>
    public bool ReverseDns { get; init; } = true;

    /// <summary>
    /// DNS servers asked directly for PTR records; empty means the system resolver
    /// (getnameinfo: /etc/hosts, nsswitch, /etc/resolv.conf).
    /// </summary>
    public IReadOnlyList<IPEndPoint> DnsServers { get; init; } = [];

    /// <summary>
    /// A lookup under way longer than this is a miss for the rows that meet it; a configured
    /// server's query is given up then (a cached miss), the host's resolver returns when glibc does.
    /// </summary>
    public TimeSpan LookupTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Lookup threads, so lookups under way at once; an address met while all are busy is not looked up then.</summary>
    public int MaxConcurrentLookups { get; init; } = 4;

    /// <summary>Addresses remembered, names and misses together.</summary>
    public int NameCacheEntries { get; init; } = 10_000;

    public TimeSpan NameTtl { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan MissTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Fill psinfo and netinfo <c>md5sum</c>/<c>sha256</c> from the executable.</summary>
    public bool Hashes { get; init; } = true;

    /// <summary>Executables larger than this are not hashed.</summary>
    public long MaxHashBytes { get; init; } = 256L << 20;

    /// <summary>Executables waiting to be hashed; one met while the queue is full is not hashed then.</summary>
    public int HashQueue { get; init; } = 256;

    /// <summary>Executables whose hashes are remembered.</summary>
    public int HashCacheEntries { get; init; } = 4_096;
}
