using System.Net;
using DnsClient;
using DnsClient.Protocol;

namespace Luarm.Agent.Enrichment.ReverseDns;

/// <summary>
/// PTR queries sent straight to the configured servers (DnsClient: the wire format and
/// its compression pointers parsed by a maintained library, not here), one try each, the
/// socket's receive bounded by the timeout. No /etc/hosts.
/// </summary>
internal sealed class DnsServerReverseResolver(IReadOnlyList<IPEndPoint> servers, TimeSpan timeout) : IReverseResolver
{
    private readonly LookupClient _client = new(new LookupClientOptions([.. servers.Select(server => new NameServer(server))])
    {
        Timeout = timeout,
        Retries = 0,
        UseCache = false,
        ThrowDnsErrors = false,
        UseTcpFallback = false,
        ContinueOnDnsError = true,
    });

    public string? Resolve(IPAddress address)
    {
        try
        {
            var answer = _client.QueryReverse(address);
            return answer.HasError ? null : answer.Answers.OfType<PtrRecord>().FirstOrDefault()?.PtrDomainName.Original;
        }
        catch (DnsResponseException)
        {
            return null;
        }
    }
}
