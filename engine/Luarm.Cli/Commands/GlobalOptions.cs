using System.CommandLine;
using Luarm.Cli.Configuration;
using Luarm.Store.Access;

namespace Luarm.Cli.Commands;

/// <summary>Options every command takes, and the config and store they select.</summary>
public static class GlobalOptions
{
    public static readonly Option<string?> Config = new("--config", "-c")
    {
        Description = "luarm.yaml to use (default: $LUARM_CONFIG, ./luarm.yaml, /etc/luarm/luarm.yaml)",
        Recursive = true,
    };

    public static readonly Option<string?> Store = new("--store")
    {
        Description = $"store connection string, overriding store.connection in luarm.yaml; no password here (store.password_file, ${StorePassword.EnvironmentVariable} or the systemd credential {StorePassword.Credential})",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "on an internal error, print the stack trace too",
        Recursive = true,
    };

    /// <summary>
    /// luarm.yaml with --store applied (refused if it carries a password), the
    /// default SQLite store when none is named, and the store password from its source.
    /// </summary>
    public static LuarmConfig LoadConfig(ParseResult parse)
    {
        var config = ConfigLoader.Load(parse.GetValue(Config));
        if (parse.GetValue(Store) is { Length: > 0 } store)
        {
            StorePassword.RefuseOnCommandLine(store);
            config.Store.Connection = store;
        }
        if (string.IsNullOrWhiteSpace(config.Store.Connection))
        {
            config.Store.Connection = DefaultPaths.SqliteStore;
        }
        config.Store.Connection = StorePassword.Complete(config.Store);
        return config;
    }

    public static FactStore OpenStore(ParseResult parse) => FactStore.Open(LoadConfig(parse).Store.Connection);
}
