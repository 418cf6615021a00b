using System.Net;

namespace Luarm.Agent.Enrichment.ReverseDns;

/// <summary>Asks for the name of an address; the answer is untrusted text (see <see cref="HostNameText"/>).</summary>
internal interface IReverseResolver
{
    /// <summary>
    /// The name as answered, or null when there is none. Blocks its caller, on a lookup
    /// thread of <see cref="NameLookups"/>, until the answer or the resolver's own timeout.
    /// </summary>
    string? Resolve(IPAddress address);
}
