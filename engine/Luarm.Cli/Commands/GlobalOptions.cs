using System.CommandLine;
using Luarm.Cli.Configuration;
using Luarm.Store.Access;

namespace Luarm.Cli.Commands;

/// <summary>Options every command takes, and the store they select.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Config = new("--config", "-c")
    {
        Description = "luarm.yaml to use (default: $LUARM_CONFIG, ./luarm.yaml, /etc/luarm/luarm.yaml)",
        Recursive = true,
    };

    public static readonly Option<string?> Store = new("--store")
    {
        Description = "store connection string, overriding store.connection in luarm.yaml",
        Recursive = true,
    };

    public static FactStore OpenStore(ParseResult parse)
    {
        var connection = parse.GetValue(Store);
        if (string.IsNullOrWhiteSpace(connection))
        {
            connection = ConfigLoader.Load(parse.GetValue(Config)).Store.Connection;
        }
        return FactStore.Open(string.IsNullOrWhiteSpace(connection) ? DefaultPaths.SqliteStore : connection);
    }
}
