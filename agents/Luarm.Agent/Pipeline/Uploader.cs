using System.Diagnostics;
using Luarm.Store.Access;
using Luarm.Store.Errors;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent.Pipeline;

/// <summary>
/// Takes rows from the queue in batches and appends them to the store, table by
/// table, each chunk all or nothing under a batch id the store records, so a
/// retried or replayed chunk is never stored twice. Any failure but refused data
/// is transient: the chunk goes to the spool, and the store is tried again with
/// jittered backoff; everything spooled is replayed in order, oldest first,
/// before anything newer is sent. A chunk the store refuses is halved until only
/// the rows it cannot hold are left; those go to the spool's rejected/ folder,
/// the others land. When the spool cannot be written either (a full disk), the
/// chunks wait in memory and no more rows are taken from the queue.
/// </summary>
public sealed class Uploader
{
    /// <summary>How often a batch being filled looks at the queue: far less than the flush interval, far more than the queue's capacity needs.</summary>
    private static readonly TimeSpan FillStep = TimeSpan.FromMilliseconds(50);

    private readonly FactStore _store;
    private readonly FactWriter _writer;
    private readonly UploadOptions _options;
    private readonly ILogger _logger;
    private readonly Spool _spool;
    private readonly HostIdentity _host;
    private readonly UploadBatches _batches = new();
    private readonly RetryBackoff _backoff;
    private readonly List<Chunk> _held = [];
    private long _progress;
    private long _heldRows;
    private bool _storeFailing;
    private bool _spoolFailing;

    public Uploader(FactStore store, UploadOptions options, ILogger logger)
    {
        _store = store;
        _writer = new FactWriter(store);
        _options = options;
        _logger = logger;
        _spool = new Spool(options.SpoolDirectory, options.SpoolMaxBytes, logger);
        _host = new HostIdentity(store, options.Hostname);
        _backoff = new RetryBackoff(options.RetryDelay, options.MaxRetryDelay);
    }

    /// <summary>Rows waiting in the spool for the store.</summary>
    public long SpooledRows => _spool.Rows;

    /// <summary>Chunks stored or spooled so far: while rows wait and this stands still, the upload is stuck.</summary>
    public long Progress => Interlocked.Read(ref _progress);

    /// <summary>Rows taken from the queue and neither stored nor spooled yet.</summary>
    public long HeldRows => Interlocked.Read(ref _heldRows);

    /// <summary>
    /// Uploads until <paramref name="rows"/> is completed and drained. Once
    /// <paramref name="cancel"/> is set the store is no longer tried: the rest goes to the spool.
    /// </summary>
    public async Task RunAsync(FactQueue rows, CancellationToken cancel)
    {
        var batch = new List<object>(_options.BatchRows);
        while (await NextBatchAsync(rows, batch, cancel))
        {
            Hold(Chunk.Split(batch, _batches.Next));
            batch.Clear();
            await DeliverAsync(cancel);
            // Neither the store nor the spool took them: wait, rather than take more rows into memory.
            while (_held.Count > 0 && !cancel.IsCancellationRequested)
            {
                await WaitForRetryAsync(cancel);
                await DeliverAsync(cancel);
            }
        }
        await DeliverAsync(cancel);
        if (HeldRows > 0)
        {
            _logger.LogError("stopping with {Rows} row(s) neither stored in {Store} nor spooled to {Spool}: they are lost",
                HeldRows, _store.Location, _options.SpoolDirectory);
        }
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
            using var idle = new CancellationTokenSource(_spool.IsEmpty ? Timeout.InfiniteTimeSpan : UntilRetry());
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
        // The batch fills by looking at the queue every FillStep, not by waking for each row: a wake per row
        // is a thread-pool hand-off per row, whose spinning was most of the agent's CPU in an exec storm (perf).
        var flushAt = Stopwatch.GetTimestamp() + (long)(_options.FlushInterval.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            while (batch.Count < _options.BatchRows && rows.TryRead(out var row))
            {
                batch.Add(row);
            }
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), flushAt);
            if (batch.Count >= _options.BatchRows || left <= TimeSpan.Zero || rows.Completion.IsCompleted)
            {
                return true;
            }
            await Task.Delay(left < FillStep ? left : FillStep, CancellationToken.None);
        }
    }

    /// <summary>Replays the spool, then stores or spools the held chunks in order; what neither takes stays held.</summary>
    private async Task DeliverAsync(CancellationToken cancel)
    {
        await ReplayAsync(cancel);
        while (_held.Count > 0)
        {
            var chunk = _held[0];
            // Older rows wait on disk, or the store is failing: queue behind them to keep the order.
            var stored = _spool.IsEmpty && StoreMayBeTried(cancel) && await StoreAsync(chunk, order: null, cancel);
            if (!stored && !TrySpool(chunk))
            {
                return;
            }
            Release(chunk);
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
            if (!await StoreAsync(chunk, file.Order, cancel))
            {
                break;
            }
            _spool.Remove(file);
            Interlocked.Increment(ref _progress);
            replayed += file.Rows;
        }
        if (replayed > 0)
        {
            _logger.LogInformation("replayed {Rows} spooled row(s) into {Store}", replayed, _store.Location);
        }
    }

    /// <summary>
    /// Appends <paramref name="chunk"/>, setting aside the rows the store cannot
    /// hold; false on a transient failure, after which the whole chunk is retried
    /// under the same batch id (parts already stored are then recognised).
    /// </summary>
    private async Task<bool> StoreAsync(Chunk chunk, long? order, CancellationToken cancel)
    {
        var refused = new List<object>();
        try
        {
            var hostId = await _host.ResolveAsync(cancel);
            var reason = await AppendOrSplitAsync(chunk.Kind, chunk.Rows, chunk.Batch, hostId, refused, cancel);
            if (refused.Count > 0)
            {
                var kept = _spool.Reject(chunk with { Rows = refused }, order);
                _logger.LogError("{Store} cannot hold {Refused} of {Rows} {Table} row(s) ({Reason}); the others are stored, these kept in {Path}",
                    _store.Location, refused.Count, chunk.Rows.Count, chunk.Kind.Table.Name, reason, kept);
            }
        }
        catch (Exception failure)
        {
            StoreFailed(failure, cancel);
            return false;
        }
        if (_storeFailing)
        {
            _logger.LogInformation("{Store} takes rows again", _store.Location);
            _storeFailing = false;
        }
        _backoff.Succeeded();
        return true;
    }

    /// <summary>Appends the rows, or, when the store refuses them, each half in turn down to single rows; returns the last refusal's reason.</summary>
    private async Task<string?> AppendOrSplitAsync(
        RowKind kind, IReadOnlyList<object> rows, UploadBatch batch, int hostId, List<object> refused, CancellationToken cancel)
    {
        try
        {
            if (!await kind.AppendOnceAsync(_writer, rows, batch, hostId, cancel))
            {
                _logger.LogInformation("batch {Agent}-{Sequence}{Part} ({Rows} {Table} row(s)) is already in {Store}: its commit went through before; not stored again",
                    batch.Agent, batch.Sequence, batch.Part.Length > 0 ? "/" + batch.Part : "", rows.Count, kind.Table.Name, _store.Location);
            }
            return null;
        }
        catch (Exception error) when (StoreFaults.IsRefusedData(error))
        {
            if (rows.Count == 1)
            {
                refused.Add(rows[0]);
                return error.Message;
            }
            var half = rows.Count / 2;
            var first = await AppendOrSplitAsync(kind, [.. rows.Take(half)], batch.Half(0), hostId, refused, cancel);
            var second = await AppendOrSplitAsync(kind, [.. rows.Skip(half)], batch.Half(1), hostId, refused, cancel);
            return second ?? first;
        }
    }

    private bool TrySpool(Chunk chunk)
    {
        try
        {
            _spool.Add(chunk);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            var wait = _backoff.Failed();
            if (!_spoolFailing)
            {
                _logger.LogError("cannot write to the spool {Spool} ({Reason}): {Rows} row(s) wait in memory and the collectors are held back; trying again in {Wait}",
                    _options.SpoolDirectory, error.Message, HeldRows, wait);
                _spoolFailing = true;
            }
            return false;
        }
        if (_spoolFailing)
        {
            _logger.LogInformation("the spool {Spool} takes rows again", _options.SpoolDirectory);
            _spoolFailing = false;
        }
        return true;
    }

    private void StoreFailed(Exception failure, CancellationToken cancel)
    {
        var wait = _backoff.Failed();
        if (!_storeFailing && !cancel.IsCancellationRequested)
        {
            _logger.LogWarning("cannot append to {Store}, spooling to {Spool} and retrying with backoff (first in {Wait}, at most every {Max}): {Reason}",
                _store.Location, _options.SpoolDirectory, wait, _options.MaxRetryDelay, failure.Message);
        }
        else
        {
            _logger.LogDebug("append to {Store} failed again, next try in {Wait}: {Reason}", _store.Location, wait, failure.Message);
        }
        _storeFailing = true;
    }

    private void Hold(IReadOnlyList<Chunk> chunks)
    {
        _held.AddRange(chunks);
        Interlocked.Add(ref _heldRows, chunks.Sum(chunk => chunk.Rows.Count));
    }

    private void Release(Chunk chunk)
    {
        _held.RemoveAt(0);
        Interlocked.Add(ref _heldRows, -chunk.Rows.Count);
        Interlocked.Increment(ref _progress);
    }

    private async Task WaitForRetryAsync(CancellationToken cancel)
    {
        try
        {
            await Task.Delay(UntilRetry(), cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Shutting down: what is held goes to the spool now, if it can.
        }
    }

    private TimeSpan UntilRetry()
    {
        var wait = _backoff.RetryAt - DateTime.UtcNow;
        return wait > TimeSpan.FromMilliseconds(20) ? wait : TimeSpan.FromMilliseconds(20);
    }

    private bool StoreMayBeTried(CancellationToken cancel) => !cancel.IsCancellationRequested && _backoff.IsDue;
}
