using Dapper;
using Luarm.Store.Access;
using Luarm.Store.Errors;

namespace Luarm.Store.Hosts;

/// <summary>
/// The hosts allowed to write to the store. On MariaDB each gets its own account
/// (see <see cref="MySqlHostAccounts"/>); the embedded SQLite store only numbers them.
/// </summary>
public sealed class HostRegistry(FactStore store)
{
    /// <param name="agentServer">The server address agents should use, when it differs from the admin's.</param>
    /// <param name="limits">What the server enforces on the new account (MariaDB only); <see cref="HostAccountLimits.Default"/> when null.</param>
    public async Task<HostRegistration> AddAsync(string hostname, string? agentServer = null, HostAccountLimits? limits = null, CancellationToken cancel = default)
    {
        HostName.Validate(hostname);
        var existing = await FindAsync(hostname, cancel);
        if (existing is { Removed: null })
        {
            throw new StoreException($"host '{hostname}' is already registered as '{existing.Hostname}', hostid {existing.HostId} (host names ignore case); run 'luarm host remove {existing.Hostname}' first to issue new credentials");
        }
        var accounts = store is MySqlStore mysql ? new MySqlHostAccounts(mysql) : null;
        var account = accounts is null ? null : MySqlHostAccounts.NewAccountName();
        var hostId = await RegisterAsync(hostname, account, existing, cancel);
        if (accounts is null)
        {
            return new HostRegistration(hostId, hostname, null);
        }
        try
        {
            var connection = await accounts.CreateAsync(account!, agentServer, limits ?? HostAccountLimits.Default, cancel);
            return new HostRegistration(hostId, hostname, connection);
        }
        catch
        {
            await store.RunAsync(c => c.ExecuteAsync("UPDATE hosts SET account = NULL, removed = @now WHERE hostid = @hostId",
                new { hostId, now = store.ToParameter(DateTime.UtcNow) }), cancel);
            throw;
        }
    }

    /// <summary>
    /// Registers a host whose rows someone else writes (a sample, an import): its
    /// name and hostid, no account, so nothing can connect as it. On MariaDB the
    /// admin's appends keep the hostid they give.
    /// </summary>
    public async Task<int> AddWithoutAccountAsync(string hostname, CancellationToken cancel = default)
    {
        HostName.Validate(hostname);
        var existing = await FindAsync(hostname, cancel);
        if (existing is not null)
        {
            throw new StoreException($"host '{hostname}' is already registered as '{existing.Hostname}', hostid {existing.HostId} (host names ignore case)");
        }
        return await RegisterAsync(hostname, null, null, cancel);
    }

    /// <summary>Adds the host, or gives a removed one its name back, with <paramref name="account"/>; returns its hostid.</summary>
    private Task<int> RegisterAsync(string hostname, string? account, RegisteredHost? existing, CancellationToken cancel) =>
        store.RunAsync(async connection =>
        {
            var now = store.ToParameter(DateTime.UtcNow);
            if (existing is null)
            {
                await connection.ExecuteAsync("INSERT INTO hosts (hostname, account, added) VALUES (@hostname, @account, @now)", new { hostname, account, now });
            }
            else
            {
                await connection.ExecuteAsync("UPDATE hosts SET hostname = @hostname, account = @account, removed = NULL WHERE hostid = @HostId", new { hostname, account, existing.HostId });
            }
            return await connection.ExecuteScalarAsync<int>("SELECT hostid FROM hosts WHERE LOWER(hostname) = LOWER(@hostname)", new { hostname });
        }, cancel);

    public Task<IReadOnlyList<RegisteredHost>> ListAsync(bool includeRemoved = false, CancellationToken cancel = default) =>
        store.RunAsync<IReadOnlyList<RegisteredHost>>(async connection => (await connection.QueryAsync<RegisteredHost>(new CommandDefinition(
            "SELECT hostid, hostname, account, added, removed FROM hosts" + (includeRemoved ? "" : " WHERE removed IS NULL") + " ORDER BY hostid",
            cancellationToken: cancel))).AsList(), cancel);

    /// <summary>Revokes the host's account; its facts stay for the examiners. False when no such host.</summary>
    public async Task<bool> RemoveAsync(string hostname, CancellationToken cancel = default)
    {
        var host = await FindAsync(hostname, cancel);
        if (host is not { Removed: null })
        {
            return false;
        }
        if (store is MySqlStore mysql && host.Account is not null)
        {
            await new MySqlHostAccounts(mysql).DropAsync(host.Account, cancel);
        }
        await store.RunAsync(c => c.ExecuteAsync("UPDATE hosts SET account = NULL, removed = @now WHERE hostid = @HostId",
            new { host.HostId, now = store.ToParameter(DateTime.UtcNow) }), cancel);
        return true;
    }

    /// <summary>Gives every active host account INSERT on every appendable table (after a migration added one).</summary>
    public async Task RefreshGrantsAsync(CancellationToken cancel = default)
    {
        if (store is not MySqlStore mysql)
        {
            return;
        }
        var accounts = new MySqlHostAccounts(mysql);
        foreach (var host in await ListAsync(cancel: cancel))
        {
            if (host.Account is { } account)
            {
                await accounts.GrantAsync(account, cancel);
            }
        }
    }

    /// <summary>The host of that name in any case: web01 and WEB01 are one host (both dialects keep them unique so).</summary>
    public Task<RegisteredHost?> FindAsync(string hostname, CancellationToken cancel = default) =>
        store.RunAsync(connection => connection.QuerySingleOrDefaultAsync<RegisteredHost>(new CommandDefinition(
            "SELECT hostid, hostname, account, added, removed FROM hosts WHERE LOWER(hostname) = LOWER(@hostname)",
            new { hostname }, cancellationToken: cancel)), cancel);
}
