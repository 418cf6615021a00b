using System.Data.Common;
using Dapper;
using Luarm.Engine.Configuration;
using Luarm.Store.Access;

namespace Luarm.Engine.Delivery;

/// <summary>
/// The delivery queue (<c>alertoutbox</c>): one row per alert and channel,
/// pending until its sink confirms, retried with exponential backoff meanwhile.
/// Rows are written in the engine's own transaction, so an alert is queued for
/// delivery exactly when it is stored.
/// </summary>
public sealed class AlertOutbox
{
    private const int ErrorLength = 1000;

    private readonly FactStore _store;
    private readonly TimeProvider _time;
    private readonly RetryBackoff _backoff;

    /// <exception cref="SinkConfigException">when <paramref name="options"/> cannot work; problems are named under <c>outbox</c>.</exception>
    public AlertOutbox(FactStore store, IEnumerable<IAlertSink> sinks, OutboxOptions? options = null, TimeProvider? time = null)
    {
        Options = options ?? new OutboxOptions();
        var errors = new SettingErrors("outbox");
        Options.Validate(errors);
        errors.ThrowIfAny();
        _store = store;
        _time = time ?? TimeProvider.System;
        _backoff = new RetryBackoff(TimeSpan.FromSeconds(Options.RetryFirstSeconds), TimeSpan.FromSeconds(Options.RetryMaxSeconds));
        Sinks = sinks.ToArray();
    }

    public OutboxOptions Options { get; }

    public IReadOnlyList<IAlertSink> Sinks { get; }

    /// <summary>
    /// Queues the alerts for every channel whose filter takes them, due at once.
    /// Call it with the connection and transaction that commit the alerts (right
    /// after <c>AlertLog.CommitAsync</c>, with the ids it returned). Already
    /// queued pairs are left alone, so calling it twice queues nothing twice.
    /// </summary>
    /// <returns>How many rows were queued.</returns>
    public async Task<int> EnqueueAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<long> alertIds, CancellationToken cancel = default)
    {
        if (alertIds.Count == 0 || Sinks.Count == 0)
        {
            return 0;
        }
        var alerts = await connection.QueryAsync<(long AlertId, string Severity, string Tags)>(new CommandDefinition(
            "SELECT alertid, severity, tags FROM alerts WHERE alertid IN @alertIds", new { alertIds }, transaction, cancellationToken: cancel));
        var queued = (await connection.QueryAsync<(long AlertId, string Channel)>(new CommandDefinition(
            "SELECT alertid, channel FROM alertoutbox WHERE alertid IN @alertIds", new { alertIds }, transaction, cancellationToken: cancel))).ToHashSet();
        var now = _store.ToParameter(_time.GetUtcNow().UtcDateTime);
        var rows = (
            from alert in alerts
            let tags = alert.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            from sink in Sinks
            where sink.Filter.Accepts(alert.Severity, tags) && !queued.Contains((alert.AlertId, sink.Channel))
            select new { alert.AlertId, sink.Channel, Status = OutboxEntry.Pending, now }).ToArray();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO alertoutbox (alertid, channel, status, attempts, nextattempt) VALUES (@AlertId, @Channel, @Status, 0, @now)",
            rows, transaction, cancellationToken: cancel));
        return rows.Length;
    }

    /// <summary>The pending rows of a channel whose next attempt is due, oldest alert first.</summary>
    public Task<IReadOnlyList<OutboxEntry>> DueAsync(string channel, int limit, CancellationToken cancel = default) =>
        _store.RunAsync<IReadOnlyList<OutboxEntry>>(async connection => (await connection.QueryAsync<OutboxEntry>(new CommandDefinition(
            """
            SELECT outboxid, alertid, channel, status, attempts, nextattempt, lasterror FROM alertoutbox
            WHERE channel = @channel AND status = @Pending AND nextattempt <= @now
            ORDER BY alertid LIMIT @limit
            """,
            new { channel, OutboxEntry.Pending, now = _store.ToParameter(_time.GetUtcNow().UtcDateTime), limit },
            cancellationToken: cancel))).AsList(), cancel);

    public Task MarkDeliveredAsync(IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancel = default) =>
        _store.RunAsync(connection => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alertoutbox SET status = @Delivered, attempts = attempts + 1, lasterror = NULL WHERE outboxid IN @ids",
            new { OutboxEntry.Delivered, ids = entries.Select(e => e.OutboxId).ToArray() }, cancellationToken: cancel)), cancel);

    /// <summary>Counts a failed attempt for each entry and puts its next one off by the backoff.</summary>
    public Task ScheduleRetryAsync(IReadOnlyCollection<OutboxEntry> entries, string error, CancellationToken cancel = default)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var lastError = error.Length <= ErrorLength ? error : error[..ErrorLength];
        var rows = entries.Select(e => new
        {
            e.OutboxId,
            next = _store.ToParameter(now + _backoff.After(e.Attempts + 1)),
            lastError,
        }).ToArray();
        return _store.RunAsync(connection => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE alertoutbox SET attempts = attempts + 1, nextattempt = @next, lasterror = @lastError WHERE outboxid = @OutboxId",
            rows, cancellationToken: cancel)), cancel);
    }

    /// <summary>Where an alert stands on each channel, for examiners and operators.</summary>
    public Task<IReadOnlyList<OutboxEntry>> EntriesOfAsync(long alertId, CancellationToken cancel = default) =>
        _store.RunAsync<IReadOnlyList<OutboxEntry>>(async connection => (await connection.QueryAsync<OutboxEntry>(new CommandDefinition(
            "SELECT outboxid, alertid, channel, status, attempts, nextattempt, lasterror FROM alertoutbox WHERE alertid = @alertId ORDER BY channel",
            new { alertId }, cancellationToken: cancel))).AsList(), cancel);
}
