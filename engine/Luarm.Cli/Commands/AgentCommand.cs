using System.CommandLine;
using System.Runtime.InteropServices;
using Luarm.Agent;
using Luarm.Agent.Logging;
using Luarm.Cli.Configuration;
using Luarm.Store.Access;
using Luarm.Store.Errors;
using Luarm.Store.Schema;
using Microsoft.Extensions.Logging;

namespace Luarm.Cli.Commands;

/// <summary>
/// <c>luarm agent</c>: record what happens on this host into the store until
/// Ctrl-C or SIGTERM. Its settings come from the <c>agent:</c> section of
/// luarm.yaml; a flag overrides one setting.
/// </summary>
public static class AgentCommand
{
    public static Command Create()
    {
        var defaults = new AgentSettings();
        var collectors = new Option<string?>("--collectors") { Description = $"comma-separated collectors to run (agent.collectors; default {string.Join(",", defaults.Collectors)})" };
        var pollInterval = new Option<int?>("--poll-interval-ms") { Description = $"how often the endpoint collector lists sockets; shorter connections may be missed (agent.poll_interval_ms; default {defaults.PollIntervalMs})" };
        var watch = new Option<string[]>("--watch") { Description = $"a directory whose files are recorded, at any depth; repeatable, replaces agent.watch (default: {string.Join(", ", defaults.Watch)})" };
        var exclude = new Option<string[]>("--exclude") { Description = "a directory or file never recorded; repeatable, replaces agent.exclude" };
        var spool = new Option<string?>("--spool") { Description = $"folder that keeps rows while the store is unreachable (agent.spool; default {defaults.Spool})" };
        var spoolMax = new Option<int?>("--spool-max-mb") { Description = $"bound of the spool; past it the oldest rows are dropped and the loss logged (agent.spool_max_mb; default {defaults.SpoolMaxMb})" };
        var stallTimeout = new Option<int?>("--stall-timeout") { Description = $"seconds rows may wait with nothing stored or spooled before the agent fails, to be restarted (agent.stall_timeout_seconds; default {defaults.StallTimeoutSeconds})" };
        var source = new Option<string?>("--source") { Description = $"where process, endpoint and file facts come from: auto (the kernel audit netlink when available), audit, classic (proc connector, sock_diag, fanotify) (agent.source; default {defaults.Source})" };
        var checkConfig = new Option<bool>("--check-config") { Description = "check luarm.yaml (the agent section included) and the flags, then exit (0 when all is well) without starting a collector" };
        var command = new Command("agent", "run the collectors (processes, endpoints, files, devices, logins) into the store until Ctrl-C or SIGTERM; needs root")
        {
            AgentRequeueCommand.Create(),
            stallTimeout,
            collectors,
            source,
            pollInterval,
            watch,
            exclude,
            spool,
            spoolMax,
            checkConfig,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var config = GlobalOptions.LoadConfig(parse);
            var settings = config.Agent;
            Override(collectors, parse, value => settings.Collectors = [.. value!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
            Override(source, parse, value => settings.Source = value!);
            Override(pollInterval, parse, value => settings.PollIntervalMs = value!.Value);
            Override(watch, parse, value => settings.Watch = [.. value.Select(Path.GetFullPath)]);
            Override(exclude, parse, value => settings.Exclude = [.. value.Select(Path.GetFullPath)]);
            Override(spool, parse, value => settings.Spool = Path.GetFullPath(value!));
            Override(spoolMax, parse, value => settings.SpoolMaxMb = value!.Value);
            Override(stallTimeout, parse, value => settings.StallTimeoutSeconds = value!.Value);
            var store = FactStore.Open(config.Store.Connection);
            if (parse.GetValue(checkConfig))
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(
                    $"configuration is valid: {string.Join(",", settings.Collectors)} (source {settings.Source}) into {store.Location}, watching {string.Join(", ", settings.Watch)}, spool {settings.Spool}; {settings.Enrich}");
                return ExitCodes.Ok;
            }
            return await RunAsync(store, settings.ToOptions(), parse, cancel);
        });
        return command;
    }

    private static async Task<int> RunAsync(FactStore store, AgentOptions options, ParseResult parse, CancellationToken cancel)
    {
        var logger = new TextWriterLogger(parse.InvocationConfiguration.Error);
        if (store is SqliteStore)
        {
            // The embedded store is this host's own: create or upgrade it, as luarm run does. A
            // MariaDB host account may only append; its schema is the admin's (luarm schema migrate).
            try
            {
                await new Migrator(store).MigrateAsync(cancel);
            }
            catch (StoreException unusable)
            {
                // Like any store outage: rows are spooled, and the next start tries again.
                logger.LogWarning("cannot create or upgrade the store now: {Reason}", unusable.Message);
            }
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        try
        {
            await AgentRunner.RunAsync(store, options, logger, stop.Token);
        }
        catch (AgentException failure)
        {
            // Not root, a spool it cannot use, uploads that stalled: the host's setup, not luarm.
            await parse.InvocationConfiguration.Error.WriteLineAsync($"luarm: {failure.Message}");
            return ExitCodes.Config;
        }
        return ExitCodes.Ok;
    }

    /// <summary>A flag given replaces its setting, checked by the setting itself.</summary>
    private static void Override<T>(Option<T> option, ParseResult parse, Action<T> apply)
    {
        if (parse.GetValue(option) is not { } value || value is Array { Length: 0 })
        {
            return;
        }
        try
        {
            apply(value);
        }
        catch (InvalidSettingException invalid)
        {
            throw new UsageException($"{option.Name}: {invalid.Message}");
        }
    }
}
