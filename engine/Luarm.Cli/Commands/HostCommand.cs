using System.CommandLine;
using Luarm.Store.Access;
using Luarm.Store.Hosts;
using Spectre.Console;

namespace Luarm.Cli.Commands;

/// <summary><c>luarm host add|list|remove</c>: the hosts allowed to write facts.</summary>
public static class HostCommand
{
    public static Command Create() => new("host", "register audited hosts and their database accounts")
    {
        Add(),
        List(),
        Remove(),
    };

    private static Command Add()
    {
        var name = new Argument<string>("hostname") { Description = "the host's name, e.g. web01" };
        var agentServer = new Option<string?>("--agent-server")
        {
            Description = "server address agents should connect to, when it differs from the one in store.connection",
        };
        var maxConnections = new Option<int>("--max-connections")
        {
            Description = "MariaDB: connections the host's account may hold at once",
            DefaultValueFactory = _ => HostAccountLimits.DefaultMaxConnections,
        };
        var requireTls = new Option<bool>("--require-tls") { Description = "MariaDB: refuse the host's account on a connection without TLS" };
        var command = new Command("add", "register a host; on MariaDB, create its append-only account and print its connection string once")
        {
            name,
            agentServer,
            maxConnections,
            requireTls,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var hostname = Hostname(parse, name);
            var store = GlobalOptions.OpenStore(parse);
            if (parse.GetValue(maxConnections) < 1)
            {
                throw new UsageException("--max-connections must be at least 1");
            }
            var limits = new HostAccountLimits(parse.GetValue(maxConnections), parse.GetValue(requireTls));
            var added = await new HostRegistry(store).AddAsync(hostname, parse.GetValue(agentServer), limits, cancel);
            await output.WriteLineAsync($"host {added.Hostname} registered as hostid {added.HostId}");
            if (added.AgentConnection is not null)
            {
                await output.WriteLineAsync("agent connection string (shown once, keep it secret):");
                await output.WriteLineAsync(added.AgentConnection);
            }
            else if (store.Dialect == StoreDialect.Sqlite)
            {
                await output.WriteLineAsync("the embedded SQLite store has no accounts; the agent on this host writes to it directly");
            }
            return 0;
        });
        return command;
    }

    /// <summary>A malformed name is a usage error (exit 2), refused before the store is opened.</summary>
    private static string Hostname(ParseResult parse, Argument<string> name)
    {
        var hostname = parse.GetRequiredValue(name);
        return HostName.IsValid(hostname) ? hostname : throw new UsageException($"not a host name: {HostName.Rule}");
    }

    private static Command List()
    {
        var all = new Option<bool>("--all") { Description = "include removed hosts" };
        var command = new Command("list", "list registered hosts") { all };
        command.SetAction(async (parse, cancel) =>
        {
            var hosts = await new HostRegistry(GlobalOptions.OpenStore(parse)).ListAsync(parse.GetValue(all), cancel);
            var table = new Table().Border(TableBorder.Ascii).AddColumns("hostid", "hostname", "account", "added", "removed");
            foreach (var host in hosts)
            {
                table.AddRow(
                    host.HostId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Markup.Escape(host.Hostname),
                    host.Account ?? "-",
                    StoreTime.ToText(host.Added),
                    host.Removed is { } removed ? StoreTime.ToText(removed) : "-");
            }
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(parse.InvocationConfiguration.Output),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
            });
            console.Profile.Width = 200;
            console.Write(table);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{hosts.Count} host(s)");
            return 0;
        });
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("hostname") { Description = "the registered host's name" };
        var command = new Command("remove", "revoke a host's account; its facts stay in the store") { name };
        command.SetAction(async (parse, cancel) =>
        {
            var hostname = Hostname(parse, name);
            if (!await new HostRegistry(GlobalOptions.OpenStore(parse)).RemoveAsync(hostname, cancel))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"luarm: no registered host named '{hostname}'; see 'luarm host list'");
                return ExitCodes.Usage;
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync($"host {hostname} removed; its account is dropped, its facts are kept");
            return 0;
        });
        return command;
    }
}
