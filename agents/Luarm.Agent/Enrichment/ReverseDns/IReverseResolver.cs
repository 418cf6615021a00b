using System.Net;

namespace Luarm.Agent.Enrichment.ReverseDns;

/// <summary>Asks for the name of an address; the answer is untrusted text (see <see cref="HostNameText"/>).</summary>
internal interface IReverseResolver : IDisposable
{
    /// <summary>The name as answered, or null when there is none. May ignore <paramref name="cancel"/>.</summary>
    Task<string?> ResolveAsync(IPAddress address, CancellationToken cancel);
}
