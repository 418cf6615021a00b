using System.CommandLine;
using System.Runtime.InteropServices;
using Luarm.Agent;
using Luarm.Agent.Endpoints;
using Luarm.Agent.Files;
using Luarm.Agent.Logging;
using Luarm.Agent.Pipeline;

namespace Luarm.Cli.Commands;

/// <summary><c>luarm agent</c>: record what happens on this host into the store until Ctrl-C or SIGTERM.</summary>
public static class AgentCommand
{
    public static Command Create()
    {
        var collectors = new Option<string>("--collectors")
        {
            Description = $"comma-separated collectors to run: {string.Join(",", AgentCollectors.Names)}",
            DefaultValueFactory = _ => string.Join(",", AgentCollectors.Names),
        };
        var pollInterval = new Option<int>("--poll-interval-ms")
        {
            Description = "how often the endpoint collector lists sockets; shorter connections may be missed",
            DefaultValueFactory = _ => (int)new EndpointOptions().PollInterval.TotalMilliseconds,
        };
        var watch = new Option<string[]>("--watch")
        {
            Description = $"a directory whose files are recorded, at any depth; repeatable (default: {string.Join(", ", new FileWatchOptions().WatchPaths)})",
        };
        var exclude = new Option<string[]>("--exclude") { Description = "a directory or file never recorded; repeatable" };
        var spool = new Option<string>("--spool")
        {
            Description = "folder that keeps rows while the store is unreachable",
            DefaultValueFactory = _ => new UploadOptions().SpoolDirectory,
        };
        var spoolMax = new Option<int>("--spool-max-mb")
        {
            Description = "bound of the spool; past it the oldest rows are dropped (and the loss logged)",
            DefaultValueFactory = _ => (int)(new UploadOptions().SpoolMaxBytes >> 20),
        };
        var stallTimeout = new Option<int>("--stall-timeout") { Description = "seconds rows may wait with nothing stored or spooled before the agent fails (to be restarted)", DefaultValueFactory = _ => (int)new AgentOptions().StallTimeout.TotalSeconds };
        var command = new Command("agent", "run the collectors (processes, endpoints, files, devices, logins) into the store until Ctrl-C or SIGTERM; needs root")
        {
            AgentRequeueCommand.Create(),
            stallTimeout,
            collectors,
            pollInterval,
            watch,
            exclude,
            spool,
            spoolMax,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var options = new AgentOptions
            {
                Collectors = [.. parse.GetRequiredValue(collectors).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                Endpoints = new EndpointOptions { PollInterval = TimeSpan.FromMilliseconds(Positive(parse.GetValue(pollInterval), "--poll-interval-ms")) },
                Files = Files(parse.GetValue(watch), parse.GetValue(exclude)),
                StallTimeout = TimeSpan.FromSeconds(Positive(parse.GetValue(stallTimeout), "--stall-timeout")),
                Upload = new UploadOptions
                {
                    SpoolDirectory = Path.GetFullPath(parse.GetRequiredValue(spool)),
                    SpoolMaxBytes = (long)Positive(parse.GetValue(spoolMax), "--spool-max-mb") << 20,
                },
            };
            var store = GlobalOptions.OpenStore(parse);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stop.Cancel();
            });
            try
            {
                await AgentRunner.RunAsync(store, options, new TextWriterLogger(parse.InvocationConfiguration.Error), stop.Token);
            }
            catch (AgentException failure)
            {
                // Not root, a spool it cannot use, uploads that stalled: the host's setup, not luarm.
                await parse.InvocationConfiguration.Error.WriteLineAsync($"luarm: {failure.Message}");
                return ExitCodes.Config;
            }
            return 0;
        });
        return command;
    }

    private static FileWatchOptions Files(string[]? watch, string[]? exclude) => new()
    {
        WatchPaths = watch is { Length: > 0 } ? watch : new FileWatchOptions().WatchPaths,
        ExcludedPaths = exclude ?? [],
    };

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new UsageException($"{option} {value}: use a number above 0");
}
