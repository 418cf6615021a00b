using Luarm.Agent.Enrichment.Hashes;
using Luarm.Agent.Enrichment.ReverseDns;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent.Enrichment;

/// <summary>The enrichers an agent applies, composed from its options in this one place.</summary>
public static class FactEnrichers
{
    public static IReadOnlyList<IFactEnricher> Create(EnrichOptions options, ILogger logger)
    {
        var enrichers = new List<IFactEnricher>();
        if (options.ReverseDns)
        {
            IReverseResolver resolver = options.DnsServers.Count == 0
                ? new SystemReverseResolver()
                : new DnsServerReverseResolver(options.DnsServers, options.LookupTimeout);
            enrichers.Add(new ReverseDnsEnricher(new NameLookups(resolver, options)));
        }
        if (options.Hashes)
        {
            enrichers.Add(new ExecutableHashEnricher(new ExecutableHasher(options)));
        }
        logger.LogInformation("rows wait at most {Wait} ms for: {Enrichers}", options.Wait.TotalMilliseconds,
            enrichers.Count == 0 ? "nothing (enrichment off)" : string.Join(", ", Describe(options)));
        return enrichers;
    }

    private static IEnumerable<string> Describe(EnrichOptions options)
    {
        if (options.ReverseDns)
        {
            yield return options.DnsServers.Count == 0 ? "reverse DNS (system resolver)" : $"reverse DNS ({string.Join(", ", options.DnsServers)})";
        }
        if (options.Hashes)
        {
            yield return $"executable hashes (up to {options.MaxHashBytes >> 20} MiB)";
        }
    }
}
