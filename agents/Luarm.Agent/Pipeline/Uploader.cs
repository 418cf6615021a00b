using Luarm.Store.Access;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent.Pipeline;

/// <summary>
/// Takes rows from the queue in batches and appends them to the store, table by
/// table, each chunk all or nothing. When the store is unreachable the chunks go
/// to the spool, and everything spooled is replayed in order, oldest first,
/// before anything newer is sent: no row is lost or sent twice. A chunk that the
/// reachable store refuses is set aside in the spool's rejected/ folder.
/// </summary>
public sealed class Uploader
{
    private readonly FactStore _store;
    private readonly FactWriter _writer;
    private readonly UploadOptions _options;
    private readonly ILogger _logger;
    private readonly Spool _spool;
    private readonly HostIdentity _host;
    private DateTime _retryAt = DateTime.MinValue;
    private bool _unreachable;

    public Uploader(FactStore store, UploadOptions options, ILogger logger)
    {
        _store = store;
        _writer = new FactWriter(store);
        _options = options;
        _logger = logger;
        _spool = new Spool(options.SpoolDirectory, options.SpoolMaxBytes, logger);
        _host = new HostIdentity(store, options.Hostname);
    }

    private enum Outcome
    {
        Appended,
        Unreachable,
        Refused,
    }

    /// <summary>Rows waiting in the spool for the store.</summary>
    public long SpooledRows => _spool.Rows;

    /// <summary>
    /// Uploads until <paramref name="rows"/> is completed and drained. Once
    /// <paramref name="cancel"/> is set the store is no longer tried: the rest goes to the spool.
    /// </summary>
    public async Task RunAsync(FactQueue rows, CancellationToken cancel)
    {
        var batch = new List<object>(_options.BatchRows);
        while (await NextBatchAsync(rows, batch, cancel))
        {
            await DeliverAsync(Chunk.Split(batch), cancel);
            batch.Clear();
        }
        await ReplayAsync(cancel);
    }

    /// <summary>
    /// Fills <paramref name="batch"/> up to the size bound or the flush interval;
    /// false when the queue is done. While idle with rows on disk, it replays them.
    /// </summary>
    private async Task<bool> NextBatchAsync(FactQueue queue, List<object> batch, CancellationToken cancel)
    {
        var rows = queue.Reader;
        while (true)
        {
            using var idle = new CancellationTokenSource(_spool.IsEmpty ? Timeout.InfiniteTimeSpan : _options.RetryDelay);
            try
            {
                if (!await rows.WaitToReadAsync(idle.Token))
                {
                    return false;
                }
                break;
            }
            catch (OperationCanceledException) when (idle.IsCancellationRequested)
            {
                await ReplayAsync(cancel);
            }
        }
        using var flush = new CancellationTokenSource(_options.FlushInterval);
        try
        {
            do
            {
                while (batch.Count < _options.BatchRows && rows.TryRead(out var row))
                {
                    batch.Add(row);
                }
            }
            while (batch.Count < _options.BatchRows && await rows.WaitToReadAsync(flush.Token));
        }
        catch (OperationCanceledException) when (flush.IsCancellationRequested)
        {
            // The interval passed: send what there is.
        }
        return true;
    }

    private async Task DeliverAsync(IReadOnlyList<Chunk> chunks, CancellationToken cancel)
    {
        await ReplayAsync(cancel);
        foreach (var chunk in chunks)
        {
            // Older rows wait on disk, or the store is down: queue behind them to keep the order.
            if (!_spool.IsEmpty || !StoreMayBeTried(cancel))
            {
                _spool.Add(chunk);
                continue;
            }
            switch (await TryAppendAsync(chunk, cancel))
            {
                case Outcome.Unreachable:
                    _spool.Add(chunk);
                    break;
                case Outcome.Refused:
                    _logger.LogError("the store refused {Rows} {Table} row(s); kept in {Path}", chunk.Rows.Count, chunk.Kind.Table.Name, _spool.Reject(chunk));
                    break;
            }
        }
    }

    /// <summary>Sends spooled chunks, oldest first, while the store takes them.</summary>
    private async Task ReplayAsync(CancellationToken cancel)
    {
        var replayed = 0L;
        while (_spool.Oldest() is { } file && StoreMayBeTried(cancel))
        {
            Chunk chunk;
            try
            {
                chunk = Spool.Read(file);
            }
            catch (Exception damaged) when (damaged is IOException or System.Text.Json.JsonException or ArgumentException)
            {
                _logger.LogError("spooled chunk {Name} cannot be read ({Reason}); kept in {Path}", file.Name, damaged.Message, _spool.Reject(file));
                continue;
            }
            var outcome = await TryAppendAsync(chunk, cancel);
            if (outcome == Outcome.Unreachable)
            {
                break;
            }
            if (outcome == Outcome.Refused)
            {
                _logger.LogError("the store refused {Rows} spooled {Table} row(s); kept in {Path}", file.Rows, file.Table, _spool.Reject(file));
                continue;
            }
            _spool.Remove(file);
            replayed += file.Rows;
        }
        if (replayed > 0)
        {
            _logger.LogInformation("replayed {Rows} spooled row(s) into {Store}", replayed, _store.Location);
        }
    }

    private async Task<Outcome> TryAppendAsync(Chunk chunk, CancellationToken cancel)
    {
        Exception failure;
        try
        {
            var hostId = await _host.ResolveAsync(cancel);
            await chunk.Kind.AppendAsync(_writer, chunk.Rows, hostId, cancel);
            if (_unreachable)
            {
                _logger.LogInformation("{Store} is reachable again", _store.Location);
                _unreachable = false;
            }
            return Outcome.Appended;
        }
        catch (Exception error)
        {
            failure = error;
        }
        // The store answers yet refuses these rows: retrying would block everything behind them.
        if (!cancel.IsCancellationRequested && _host.IsResolved && await IsReachableAsync(cancel))
        {
            _logger.LogError("{Store} refused a chunk: {Reason}", _store.Location, failure.Message);
            return Outcome.Refused;
        }
        // Unreachable, not set up yet (no hosts table), or shutting down: the spool keeps it.
        _retryAt = DateTime.UtcNow + _options.RetryDelay;
        if (!_unreachable && !cancel.IsCancellationRequested)
        {
            _logger.LogWarning("cannot append to {Store}, spooling to {Spool} and retrying every {Delay}: {Reason}",
                _store.Location, _options.SpoolDirectory, _options.RetryDelay, failure.Message);
        }
        _unreachable = true;
        return Outcome.Unreachable;
    }

    private bool StoreMayBeTried(CancellationToken cancel) => !cancel.IsCancellationRequested && DateTime.UtcNow >= _retryAt;

    private async Task<bool> IsReachableAsync(CancellationToken cancel)
    {
        try
        {
            await using var connection = await _store.OpenAsync(cancel);
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
