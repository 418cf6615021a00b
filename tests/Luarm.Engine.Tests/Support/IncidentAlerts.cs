using Dapper;
using Luarm.Engine.Delivery;
using Luarm.Store.Access;
using Luarm.Store.Alerts;
using Luarm.Store.Facts;
using Luarm.Testing;

namespace Luarm.Engine.Tests.Support;

/// <summary>
/// The 2011 incident in a store (host web1, its processes and connections) and
/// alerts over those rows, raised the way the engine raises them: stored and
/// queued for delivery in one transaction.
/// </summary>
internal sealed class IncidentAlerts
{
    public const string HostName = "web1";

    private IncidentAlerts(IReadOnlyList<ProcessFact> processes, IReadOnlyList<EndpointFact> endpoints)
    {
        Processes = processes;
        Endpoints = endpoints;
    }

    public IReadOnlyList<ProcessFact> Processes { get; }
    public IReadOnlyList<EndpointFact> Endpoints { get; }

    /// <summary>The Perl bot that called itself crond: pid 29312, run by nobody from /tmp.</summary>
    public ProcessFact Bot => Processes.Single(p => p.Pid == 29312);

    public IReadOnlyList<EndpointFact> BotConnections => Endpoints.Where(e => e.Pid == 29312 && e.DestPort == 6670).ToArray();

    public static async Task<IncidentAlerts> SeedAsync(FactStore store)
    {
        var hostId = await store.RunAsync(async connection =>
        {
            await connection.ExecuteAsync("INSERT INTO hosts (hostname, account, added) VALUES (@HostName, NULL, @now)",
                new { HostName, now = store.ToParameter(DateTime.UtcNow) });
            return await connection.ExecuteScalarAsync<int>("SELECT hostid FROM hosts WHERE hostname = @HostName", new { HostName });
        });
        Assert.Equal(IncidentDataset.HostId, hostId);
        var writer = new FactWriter(store);
        await writer.AppendAsync(IncidentDataset.Processes);
        await writer.AppendAsync(IncidentDataset.Endpoints);
        var reader = new FactReader(store);
        return new IncidentAlerts(await reader.ReadAfterAsync<ProcessFact>(0, 1000), await reader.ReadAfterAsync<EndpointFact>(0, 1000));
    }

    /// <summary>The write-up's alert: the bot process and its connections to the IRC server on port 6670.</summary>
    public NewAlert IrcBot(string severity = "critical") => new(
        "LUARM-IRC-001", severity, IncidentDataset.HostId,
        BotConnections.Min(e => e.Created), BotConnections.Max(e => e.Created), BotConnections.Count,
        "nobody ran /usr/bin/perl ./x 85.121.125.74 0 0 from /tmp and it talks IRC on port 6670",
        ["attack.t1059.006", "attack.t1071"],
        [new Evidence("psinfo", Bot.PsEntity), .. BotConnections.Select(e => new Evidence("netinfo", e.EndpointInfo))]);

    /// <summary>A distinct alert per <paramref name="number"/>, over one process row.</summary>
    public NewAlert Other(int number, string severity = "high", params string[] tags)
    {
        var process = Processes[number % Processes.Count];
        return new NewAlert($"TEST-{number:000}", severity, IncidentDataset.HostId, process.Created, process.Created, 1,
            $"{process.Username} ran {process.Command} {process.Arguments}", tags, [new Evidence("psinfo", process.PsEntity)]);
    }

    /// <summary>Stores the alerts and queues them in one transaction, as the engine does; returns the new alert ids.</summary>
    public static Task<IReadOnlyList<long>> RaiseAsync(FactStore store, AlertOutbox outbox, params NewAlert[] alerts) =>
        store.RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var ids = await new AlertLog(store).CommitAsync(connection, transaction, alerts);
            await outbox.EnqueueAsync(connection, transaction, ids);
            await transaction.CommitAsync();
            return ids;
        });
}
