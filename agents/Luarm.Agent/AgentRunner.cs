using Luarm.Agent.Enrichment;
using Luarm.Agent.Interop;
using Luarm.Agent.Pipeline;
using Luarm.Store.Access;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent;

/// <summary>
/// The one place that runs an agent: opens the collectors, runs each on its own
/// thread into the bounded queue, and uploads from it until stopped; then drains
/// the queue into the store or the spool. An uploader that dies or stalls ends
/// the run with an <see cref="AgentException"/>, so the service manager restarts it.
/// </summary>
public static class AgentRunner
{
    public static async Task RunAsync(FactStore store, AgentOptions options, ILogger logger, CancellationToken stop)
    {
        var collectors = AgentCollectors.Create(options, store, logger);
        var enrichers = FactEnrichers.Create(options.Enrich, logger);
        try
        {
            foreach (var collector in collectors)
            {
                Open(collector);
            }
            var uploader = CreateUploader(store, options, logger);
            var queue = new FactQueue(options.QueueCapacity);
            var enriching = new EnrichingSink(queue, enrichers, options.Enrich.Wait, logger);
            using var collecting = CancellationTokenSource.CreateLinkedTokenSource(stop);
            using var stopUploading = new CancellationTokenSource();
            var upload = Task.Run(() => uploader.RunAsync(queue, stopUploading.Token), CancellationToken.None);
            var running = Task.WhenAll(collectors.Select(collector => Task.Factory.StartNew(
                () => Run(collector, enriching, logger, collecting.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
            logger.LogInformation("agent running: {Collectors} into {Store}", string.Join(", ", collectors.Select(c => c.Name)), store.Location);
            var fault = await SuperviseAsync(uploader, queue, upload, running, options.StallTimeout);
            if (fault is not null)
            {
                logger.LogError("{Fault}; stopping with a failure so the service manager restarts the agent (the spool {Spool} is kept)", fault, options.Upload.SpoolDirectory);
                collecting.Cancel();
            }
            // Rows held for enrichment go on first; a failed uploader takes no more, so then they are not waited for.
            var stillHeld = enriching.Complete(fault is null ? options.ShutdownGrace : TimeSpan.Zero);
            queue.Complete();
            if (stillHeld > 0)
            {
                logger.LogWarning("{Rows} row(s) held for enrichment could not be queued before the agent stopped and are lost", stillHeld);
            }
            stopUploading.CancelAfter(fault is null ? options.ShutdownGrace : TimeSpan.Zero);
            await WaitForAsync(running, options.ShutdownGrace);
            if (fault is not null)
            {
                // The uploader may be the stuck part: spooling what it holds gets a bounded chance.
                await WaitForAsync(upload, options.ShutdownGrace);
                throw new AgentException(fault);
            }
            try
            {
                await upload;
            }
            catch (Exception failure)
            {
                throw new AgentException($"the uploader failed while draining the queue: {failure.Message}", failure);
            }
            logger.LogInformation("agent stopped; {Rows} row(s) wait in the spool {Spool}", uploader.SpooledRows, options.Upload.SpoolDirectory);
        }
        finally
        {
            foreach (var collector in collectors)
            {
                collector.Dispose();
            }
            foreach (var enricher in enrichers)
            {
                enricher.Dispose();
            }
        }
    }

    /// <summary>Waits until the collectors stop (null), or returns why the upload cannot go on: it ended early, or stalled.</summary>
    private static async Task<string?> SuperviseAsync(Uploader uploader, FactQueue queue, Task upload, Task collectors, TimeSpan stallTimeout)
    {
        var watch = new StallWatch(stallTimeout);
        var interval = TimeSpan.FromMilliseconds(Math.Min(1000, stallTimeout.TotalMilliseconds / 4));
        while (true)
        {
            if (await Task.WhenAny(collectors, upload, Task.Delay(interval)) == collectors)
            {
                return null;
            }
            if (upload.IsCompleted)
            {
                return $"the uploader stopped: {upload.Exception?.GetBaseException().Message ?? "it ended on its own"}";
            }
            var waiting = queue.Count + uploader.HeldRows;
            if (watch.IsStalled(uploader.Progress, waiting, DateTime.UtcNow))
            {
                return $"nothing was stored or spooled for {stallTimeout} while {waiting} row(s) wait";
            }
        }
    }

    private static async Task WaitForAsync(Task task, TimeSpan limit)
    {
        try
        {
            await task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            // Still stuck: the process exits anyway.
        }
        catch (Exception)
        {
            // Already reported as the fault.
        }
    }

    private static void Open(ICollector collector)
    {
        try
        {
            collector.Open();
        }
        catch (KernelCallException error)
        {
            throw new AgentException($"cannot start the {collector.Name} collector: {error.Message}; the agent runs as root", error);
        }
    }

    private static Uploader CreateUploader(FactStore store, AgentOptions options, ILogger logger)
    {
        try
        {
            return new Uploader(store, options.Upload, logger);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new AgentException($"cannot use the spool folder {options.Upload.SpoolDirectory}: {error.Message}", error);
        }
    }

    /// <summary>A collector that fails is logged and stops; the others and the uploader go on.</summary>
    private static void Run(ICollector collector, IFactSink queue, ILogger logger, CancellationToken stop)
    {
        try
        {
            collector.Run(queue, stop);
        }
        catch (Exception failure) when (!stop.IsCancellationRequested)
        {
            logger.LogError(failure, "the {Collector} collector stopped: {Reason}", collector.Name, failure.Message);
        }
        catch (Exception)
        {
            // Stopping: a collector held back by a full queue is released by completing it.
        }
    }
}
