using Luarm.Engine.Delivery;
using Luarm.Rules.Runtime;
using Luarm.Store.Access;
using Luarm.Store.Alerts;
using Microsoft.Extensions.Logging;

namespace Luarm.Engine.Evaluation;

/// <summary>
/// The evaluation loop of one shard of hosts (all hosts by default). Each
/// <see cref="RunOnceAsync"/> reads the shard's rows appended after its
/// watermarks, inserts them into per-host sessions in event-time order, fires,
/// and commits the new alerts, their outbox rows and the new watermarks in one
/// transaction. Any failure drops the sessions: the next run rebuilds them from
/// the store, so nothing is skipped and (alert keys being deterministic) nothing
/// is stored twice. So does a run that finds the stored watermarks moved since
/// this cycle's last commit: another engine node evaluated the shard meanwhile.
/// </summary>
public sealed class EvaluationCycle(
    FactStore store,
    ActiveRuleSet rules,
    EngineOptions options,
    AlertOutbox? outbox = null,
    TimeProvider? time = null,
    ILogger<EvaluationCycle>? logger = null,
    HostShard? shard = null)
{
    private readonly ReadAhead _reads = new(new FactCursor(store, options.Consumer, shard ?? HostShard.All, options.BatchSize,
        store.Dialect == StoreDialect.MySql ? TimeSpan.FromSeconds(options.SettleSeconds) : TimeSpan.Zero));
    private readonly Dictionary<int, HostSession> _sessions = [];
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private Dictionary<string, long>? _watermarks;
    private HashSet<string> _ahead = [];
    private int _rulesVersion;

    public int HostsInMemory => _sessions.Count;

    /// <summary>How many reads have waited for MariaDB transactions to settle (for tests).</summary>
    internal int SettlePauses => _reads.Cursor.Pauses;

    /// <summary>The facts a host's session holds now (for tests and diagnostics).</summary>
    internal IEnumerable<object> SessionFacts(int hostId) =>
        _sessions.TryGetValue(hostId, out var session) ? session.Facts : [];

    public HostShard Shard { get; } = shard ?? HostShard.All;

    public async Task<EvaluationResult> RunOnceAsync(CancellationToken cancel = default)
    {
        await PrepareAsync(cancel);
        try
        {
            return await EvaluateNewRowsAsync(cancel);
        }
        catch
        {
            Forget();
            throw;
        }
    }

    /// <summary>
    /// What <see cref="RunOnceAsync"/> does first: rebuilds the sessions from the store
    /// if they are missing or stale (rules swapped, or another node evaluated the shard
    /// meanwhile), without reading new rows.
    /// </summary>
    public async Task PrepareAsync(CancellationToken cancel = default)
    {
        try
        {
            var stored = await _reads.Cursor.LoadWatermarksAsync(cancel);
            var movedElsewhere = _watermarks is not null && !WatermarkSets.Equal(stored, _watermarks);
            if (movedElsewhere)
            {
                logger?.LogInformation("{Shard} was evaluated by another node since this one last ran it", Shard);
            }
            if (_watermarks is null || movedElsewhere || _rulesVersion != rules.Version)
            {
                await RebuildAsync(stored, cancel);
            }
        }
        catch
        {
            Forget();
            throw;
        }
    }

    private TimeSpan Retention =>
        TimeSpan.FromSeconds(Math.Max(rules.Current.LongestWindow.TotalSeconds, options.MinimumRetentionSeconds));

    private async Task<EvaluationResult> EvaluateNewRowsAsync(CancellationToken cancel)
    {
        var rows = await _reads.ReadAsync(_watermarks!, _ahead, cancel);
        // Catching up on a backlog, tables run through event time at different speeds: one
        // far ahead of the others waits, so memory stays bounded and partners still meet.
        var ahead = rows.Fronts.Where(front => front.Value - rows.CompleteUpTo > Retention).Select(front => front.Key).ToHashSet();
        if (rows.More)
        {
            _reads.Start(rows.Watermarks, ahead, cancel);
        }
        var latest = _time.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(options.FutureToleranceSeconds);
        var skipped = rows.Unreadable.Count;
        foreach (var unreadable in rows.Unreadable)
        {
            logger?.LogWarning("skipped an unreadable row: {Row}", unreadable);
        }
        var touched = new HashSet<HostSession>();
        foreach (var host in rows.Facts.GroupBy(HostSession.HostOf))
        {
            var session = SessionOf(host.Key);
            var inTime = host.Where(f => HostSession.CreatedOf(f) <= latest).OrderBy(HostSession.CreatedOf).ToArray();
            foreach (var future in host.Where(f => HostSession.CreatedOf(f) > latest))
            {
                logger?.LogWarning("skipped a {Kind} row of host {Host} stamped {Created:o}, in the future: the host's clock is wrong",
                    future.GetType().Name, host.Key, HostSession.CreatedOf(future));
                skipped++;
            }
            session.Insert(inTime, rows.CompleteUpTo);
            touched.Add(session);
        }
        foreach (var end in rows.Ends)
        {
            if (_sessions.TryGetValue(HostSession.HostOfEnd(end), out var session))
            {
                session.Apply(end);
                touched.Add(session);
            }
        }
        // A clock held back while one table lagged moves on once every table has been read that far.
        foreach (var session in _sessions.Values)
        {
            session.CatchUpClock(rows.CompleteUpTo);
        }
        var alerts = _sessions.Values.SelectMany(s => s.Fire()).ToArray();
        var added = await CommitAsync(alerts, rows.Watermarks, cancel);
        _watermarks = new Dictionary<string, long>(rows.Watermarks);
        foreach (var session in touched)
        {
            session.Expire(rows.CompleteUpTo);
        }
        _ahead = ahead;
        return new EvaluationResult(rows.Count, added, skipped, _sessions.Values.Sum(s => s.FactCount), rows.More);
    }

    /// <summary>
    /// Refills the sessions from the facts already evaluated that are still inside the
    /// window, raising nothing (their alerts were stored when they were evaluated), and
    /// takes up the stored alerts' open suppression windows, so hits from now on fold
    /// into the alerts they belong to instead of raising them again.
    /// </summary>
    private async Task RebuildAsync(Dictionary<string, long> watermarks, CancellationToken cancel)
    {
        Forget();
        _rulesVersion = rules.Version;
        var loader = new WindowLoader(store, Shard);
        var window = await loader.LoadAsync(watermarks, Retention, cancel);
        foreach (var unreadable in loader.Unreadable)
        {
            logger?.LogWarning("left an unreadable row out of the rebuilt sessions: {Row}", unreadable);
        }
        foreach (var (hostId, facts) in window.FactsByHost)
        {
            var session = SessionOf(hostId);
            session.Replay(facts.OrderBy(HostSession.CreatedOf).ToArray(), window.CompleteUpTo);
            session.Expire(window.CompleteUpTo);
        }
        var earliest = window.Clocks.Values.DefaultIfEmpty(DateTime.MaxValue).Min();
        var open = await new AlertWindows(store).OpenAsync(Shard.SqlCondition, earliest.Ticks > Retention.Ticks ? earliest - Retention : DateTime.MinValue, cancel);
        foreach (var host in open.GroupBy(w => w.HostId))
        {
            SessionOf(host.Key).Resume(host);
        }
        _watermarks = watermarks;
        logger?.LogInformation("{Shard}: sessions rebuilt for {Hosts} host(s) from {Facts} fact(s) inside {Retention}, {Windows} suppression window(s) resumed",
            Shard, window.FactsByHost.Count, window.FactsByHost.Values.Sum(f => f.Count), Retention, open.Count);
    }

    private async Task<int> CommitAsync(IReadOnlyList<RuleAlert> alerts, IReadOnlyDictionary<string, long> watermarks, CancellationToken cancel) =>
        await store.RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancel);
            var added = await new AlertLog(store).CommitAsync(connection, transaction, alerts.Select(a => a.ToNewAlert()), cancel);
            if (outbox is not null && added.Count > 0)
            {
                await outbox.EnqueueAsync(connection, transaction, added, cancel);
            }
            var marks = new Watermarks(store);
            foreach (var (table, lastId) in watermarks)
            {
                await marks.SetAsync(connection, transaction, _reads.Cursor.Consumer, table, lastId, cancel);
            }
            await transaction.CommitAsync(cancel);
            return added.Count;
        }, cancel);

    private HostSession SessionOf(int hostId) =>
        _sessions.TryGetValue(hostId, out var session) ? session : _sessions[hostId] = new HostSession(hostId, rules.Current, Retention);

    private void Forget()
    {
        _sessions.Clear();
        _watermarks = null;
        _ahead = [];
    }
}
