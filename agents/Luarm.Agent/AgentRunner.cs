using Luarm.Agent.Interop;
using Luarm.Agent.Pipeline;
using Luarm.Store.Access;
using Microsoft.Extensions.Logging;

namespace Luarm.Agent;

/// <summary>
/// The one place that runs an agent: opens the collectors, runs each on its own
/// thread into the bounded queue, and uploads from it until stopped; then drains
/// the queue into the store or the spool.
/// </summary>
public static class AgentRunner
{
    public static async Task RunAsync(FactStore store, AgentOptions options, ILogger logger, CancellationToken stop)
    {
        var collectors = AgentCollectors.Create(options, store, logger);
        try
        {
            foreach (var collector in collectors)
            {
                Open(collector);
            }
            var uploader = CreateUploader(store, options, logger);
            var queue = new FactQueue(options.QueueCapacity);
            using var stopUploading = new CancellationTokenSource();
            var upload = Task.Run(() => uploader.RunAsync(queue, stopUploading.Token), CancellationToken.None);
            var running = collectors.Select(collector => Task.Factory.StartNew(
                () => Run(collector, queue, logger, stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
            logger.LogInformation("agent running: {Collectors} into {Store}", string.Join(", ", collectors.Select(c => c.Name)), store.Location);
            await Task.WhenAll(running);
            queue.Complete();
            stopUploading.CancelAfter(options.ShutdownGrace);
            await upload;
            logger.LogInformation("agent stopped; {Rows} row(s) wait in the spool {Spool}", uploader.SpooledRows, options.Upload.SpoolDirectory);
        }
        finally
        {
            foreach (var collector in collectors)
            {
                collector.Dispose();
            }
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
    private static void Run(ICollector collector, FactQueue queue, ILogger logger, CancellationToken stop)
    {
        try
        {
            collector.Run(queue, stop);
        }
        catch (Exception failure)
        {
            logger.LogError(failure, "the {Collector} collector stopped: {Reason}", collector.Name, failure.Message);
        }
    }
}
