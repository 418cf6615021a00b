using System.Collections.Concurrent;
using System.Diagnostics;
using Luarm.Agent.Pipeline;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent.Enrichment;

/// <summary>
/// Sits between the collectors and the queue: each row is offered to every enricher, then
/// handed on in the order rows came, once its enrichments are ready or <c>wait</c> after it
/// came, whichever is first. A row behind a waiting one waits too, but never past its own
/// deadline (deadlines grow in arrival order), so no row is delayed by more than <c>wait</c>
/// plus the time to hand it on, and ends still follow their facts. An enricher that throws
/// costs the row that enrichment, never the row.
/// </summary>
public sealed class EnrichingSink : IFactSink
{
    private readonly IFactSink _inner;
    private readonly IReadOnlyList<IFactEnricher> _enrichers;
    private readonly long _waitTicks;
    private readonly ILogger _logger;
    private readonly BlockingCollection<Held> _held;
    private readonly Thread _forwarder;
    private int _faults;

    /// <param name="capacity">Rows held at once; more make collectors wait, as a full queue does.</param>
    public EnrichingSink(IFactSink inner, IReadOnlyList<IFactEnricher> enrichers, TimeSpan wait, ILogger logger, int capacity = 10_000)
    {
        _inner = inner;
        _enrichers = enrichers;
        _waitTicks = (long)(wait.TotalSeconds * Stopwatch.Frequency);
        _logger = logger;
        _held = new BlockingCollection<Held>(capacity);
        _forwarder = new Thread(Forward) { IsBackground = true, Name = "luarm enrichment" };
        _forwarder.Start();
    }

    /// <summary>Enrichers that threw, over all rows.</summary>
    public int Faults => _faults;

    public void Add(object row)
    {
        var pending = new List<PendingEnrichment>(_enrichers.Count);
        foreach (var enricher in _enrichers)
        {
            Guarded(() =>
            {
                if (enricher.Begin(row) is { } started)
                {
                    pending.Add(started);
                }
            });
        }
        // Blocks while full; throws once completed, as the queue does for a collector still adding at stop.
        _held.Add(new Held(row, [.. pending], Stopwatch.GetTimestamp() + _waitTicks));
    }

    /// <summary>
    /// No more rows: hands on what is held, waiting at most <paramref name="limit"/>, and returns
    /// how many rows were still held then (they are lost when the queue behind is completed).
    /// </summary>
    public int Complete(TimeSpan limit)
    {
        _held.CompleteAdding();
        return _forwarder.Join(limit) ? 0 : _held.Count + 1;
    }

    private void Forward()
    {
        try
        {
            foreach (var held in _held.GetConsumingEnumerable())
            {
                if (held.Pending.Length > 0)
                {
                    var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), held.Deadline);
                    if (left > TimeSpan.Zero)
                    {
                        Task.WaitAny([Task.WhenAll(held.Pending.Select(p => p.Ready))], left);
                    }
                    foreach (var pending in held.Pending)
                    {
                        Guarded(pending.Apply);
                    }
                }
                _inner.Add(held.Row);
            }
        }
        catch (Exception)
        {
            // Only the queue behind throws, once completed (a failing agent, or the limit of
            // Complete passed): collectors still adding are told to stop, as the queue tells them.
            _held.CompleteAdding();
        }
    }

    private void Guarded(Action enrich)
    {
        try
        {
            enrich();
        }
        catch (Exception fault)
        {
            if (Interlocked.Increment(ref _faults) == 1)
            {
                _logger.LogWarning(fault, "an enrichment failed; its rows are kept without it: {Reason}", fault.Message);
            }
        }
    }

    private sealed record Held(object Row, PendingEnrichment[] Pending, long Deadline);
}
