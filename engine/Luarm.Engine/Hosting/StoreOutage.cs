using System.Data.Common;
using System.Diagnostics;
using Luarm.Store.Errors;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Luarm.Engine.Hosting;

/// <summary>
/// One log line when the store stops answering and one when it answers again,
/// however many jobs, shards and Quartz loops notice in between: an ordinary
/// outage is an operator's fact to know, not a page of stack traces.
/// </summary>
internal sealed class StoreOutage(ILogger<StoreOutage> logger)
{
    private readonly Lock _gate = new();
    private Stopwatch? _down;

    /// <summary>Whether <paramref name="error"/> is the store (or the way to it) failing, rather than a bad row or a bug.</summary>
    public static bool IsStoreFault(Exception error)
    {
        for (Exception? cause = error; cause is not null; cause = cause.InnerException)
        {
            // Not IOException or SocketException alone: a sink's mail or syslog server failing is not the store.
            if (cause is DbException or StoreException or JobPersistenceException)
            {
                return true;
            }
        }
        return false;
    }

    public void Failed(Exception error)
    {
        lock (_gate)
        {
            if (_down is not null)
            {
                return;
            }
            _down = Stopwatch.StartNew();
        }
        logger.LogWarning("store unreachable ({Error}); evaluation and delivery wait and catch up from the watermarks when it answers", Innermost(error));
    }

    public void Answered()
    {
        TimeSpan downFor;
        lock (_gate)
        {
            if (_down is null)
            {
                return;
            }
            downFor = _down.Elapsed;
            _down = null;
        }
        logger.LogWarning("store reachable again after {Seconds:F0} s; evaluation resumed", downFor.TotalSeconds);
    }

    private static string Innermost(Exception error)
    {
        // The store's own one-line explanation when there is one, else the root cause.
        for (Exception? cause = error; cause is not null; cause = cause.InnerException)
        {
            if (cause is StoreException store)
            {
                return store.Message;
            }
        }
        return error.GetBaseException().Message;
    }
}
