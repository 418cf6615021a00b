using System.Net;
using Luarm.Agent.Enrichment;

namespace Luarm.Cli.Configuration;

/// <summary>
/// <c>agent.enrich:</c> in luarm.yaml: reverse DNS of netinfo addresses and hashes of
/// executables, and their bounds. Each setter checks its value, as in <see cref="AgentSettings"/>.
/// </summary>
public sealed class EnrichSettings
{
    private static readonly EnrichOptions Defaults = new();

    public int WaitMs { get; set => field = value >= 0 ? value : throw new InvalidSettingException($"{value}: use 0 (never wait) or more"); } = (int)Defaults.Wait.TotalMilliseconds;

    public bool ReverseDns { get; set; } = Defaults.ReverseDns;

    /// <summary>Servers asked for PTR records, <c>IP</c> or <c>IP:PORT</c>; <c>[]</c> is the system resolver.</summary>
    public List<string> DnsServers
    {
        get;
        set => field = value?.Select(server => server is not null && IPEndPoint.TryParse(server, out _) ? server : throw new InvalidSettingException($"{server ?? "an empty entry"}: use an IP address, or IP:PORT")).ToList()
            ?? throw new InvalidSettingException("no value; write a list, [] for the system resolver");
    } = [];

    public int LookupTimeoutMs { get; set => field = Positive(value); } = (int)Defaults.LookupTimeout.TotalMilliseconds;

    public int MaxConcurrentLookups { get; set => field = Positive(value); } = Defaults.MaxConcurrentLookups;

    public int NameCacheEntries { get; set => field = Positive(value); } = Defaults.NameCacheEntries;

    public int NameTtlSeconds { get; set => field = Positive(value); } = (int)Defaults.NameTtl.TotalSeconds;

    public int MissTtlSeconds { get; set => field = Positive(value); } = (int)Defaults.MissTtl.TotalSeconds;

    public bool Hashes { get; set; } = Defaults.Hashes;

    public int MaxHashMb { get; set => field = Positive(value); } = (int)(Defaults.MaxHashBytes >> 20);

    public EnrichOptions ToOptions() => new()
    {
        Wait = TimeSpan.FromMilliseconds(WaitMs),
        ReverseDns = ReverseDns,
        DnsServers = [.. DnsServers.Select(WithDnsPort)],
        LookupTimeout = TimeSpan.FromMilliseconds(LookupTimeoutMs),
        MaxConcurrentLookups = MaxConcurrentLookups,
        NameCacheEntries = NameCacheEntries,
        NameTtl = TimeSpan.FromSeconds(NameTtlSeconds),
        MissTtl = TimeSpan.FromSeconds(MissTtlSeconds),
        Hashes = Hashes,
        MaxHashBytes = (long)MaxHashMb << 20,
    };

    public override string ToString() =>
        $"reverse DNS {(ReverseDns ? $"on ({Resolver}, {LookupTimeoutMs} ms a lookup, {MaxConcurrentLookups} at once, {NameCacheEntries} cached)" : "off")}, hashes {(Hashes ? $"on (up to {MaxHashMb} MiB)" : "off")}, rows wait at most {WaitMs} ms";

    private string Resolver => DnsServers.Count == 0 ? "system resolver" : string.Join(" ", DnsServers);

    private static IPEndPoint WithDnsPort(string server)
    {
        var endpoint = IPEndPoint.Parse(server);
        return endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, 53) : endpoint;
    }

    private static int Positive(int value) =>
        value > 0 ? value : throw new InvalidSettingException($"{value}: use a number above 0");
}
