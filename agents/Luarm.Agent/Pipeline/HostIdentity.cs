using Luarm.Store.Access;
using Luarm.Store.Hosts;

namespace Luarm.Agent.Pipeline;

/// <summary>
/// The hostid the agent stamps on its rows. The embedded SQLite store has no
/// accounts, so the agent registers (or finds) its host name there; on MariaDB
/// the server stamps hostid from the agent's account and ignores what is sent.
/// </summary>
internal sealed class HostIdentity(FactStore store, string hostname)
{
    private int? _hostId;

    public bool IsResolved => _hostId is not null;

    public async Task<int> ResolveAsync(CancellationToken cancel)
    {
        if (_hostId is { } known)
        {
            return known;
        }
        if (store.Dialect == StoreDialect.MySql)
        {
            _hostId = 0;
            return 0;
        }
        var registry = new HostRegistry(store);
        var host = await registry.FindAsync(hostname, cancel);
        _hostId = host is { Removed: null } ? host.HostId : (await registry.AddAsync(hostname, cancel: cancel)).HostId;
        return _hostId.Value;
    }
}
