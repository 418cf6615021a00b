using System.Data.Common;
using System.Text;
using Luarm.Engine.Configuration;
using Luarm.Store.Access;

namespace Luarm.Cli.Configuration;

/// <summary>
/// Where the MariaDB password comes from, never the command line: a command line
/// is readable by every local user (<c>ps</c>, /proc) and the agent records its
/// own in psinfo. Sources, one at most: the <c>Password=</c> of store.connection
/// in luarm.yaml, store.password_env, store.password_file; when luarm.yaml names
/// none, $LUARM_STORE_PASSWORD, then the systemd credential
/// <c>luarm-store-password</c> ($CREDENTIALS_DIRECTORY, from <c>LoadCredential=</c>).
/// </summary>
public static class StorePassword
{
    public const string EnvironmentVariable = "LUARM_STORE_PASSWORD";
    public const string Credential = "luarm-store-password";
    private static readonly string[] PasswordKeys = ["password", "pwd"];

    /// <summary>Refuses a <c>--store</c> value that carries a password.</summary>
    public static void RefuseOnCommandLine(string connection)
    {
        if (connection.Contains('=') && HasPassword(FactStore.ParseConnection(connection)))
        {
            throw new ConfigException(
                "--store carries a password, which every local user sees in ps and the agent records in psinfo; "
                + $"pass it by store.password_file or store.password_env in luarm.yaml, by ${EnvironmentVariable}, "
                + $"or as the systemd credential {Credential} (LoadCredential=), and only the rest in --store");
        }
    }

    /// <summary>The connection string of <paramref name="store"/> with the password of its source added.</summary>
    public static string Complete(StoreSettings store)
    {
        var server = FactStore.IsServer(store.Connection);
        var inline = server && HasPassword(FactStore.ParseConnection(store.Connection));
        var named = new[] { store.PasswordEnv, store.PasswordFile }.Count(source => !string.IsNullOrEmpty(source));
        if (named > 0 && !server)
        {
            throw new ConfigException("store.password_env and store.password_file are for a MariaDB store; a SQLite file takes no password");
        }
        if (named + (inline ? 1 : 0) > 1)
        {
            throw new ConfigException("the store password is given twice: keep one of the Password= in store.connection, store.password_env, store.password_file");
        }
        if (!server || inline)
        {
            return store.Connection;
        }
        var password = named > 0 ? Named(store) : Implicit();
        if (password is null)
        {
            return store.Connection;
        }
        var completed = new StringBuilder(store.Connection.TrimEnd(';', ' '));
        DbConnectionStringBuilder.AppendKeyValuePair(completed, "Password", password);
        return completed.ToString();
    }

    private static string? Named(StoreSettings store)
    {
        var errors = new SettingErrors("store");
        var password = Secret.Resolve(errors, "Password", null, store.PasswordEnv, store.PasswordFile);
        return errors.Problems.Count == 0 ? password : throw new ConfigException(string.Join("; ", errors.Problems));
    }

    private static string? Implicit()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }
        var credentials = Environment.GetEnvironmentVariable("CREDENTIALS_DIRECTORY");
        var file = string.IsNullOrEmpty(credentials) ? null : Path.Combine(credentials, Credential);
        if (file is null || !File.Exists(file))
        {
            return null;
        }
        try
        {
            return File.ReadAllText(file).TrimEnd('\r', '\n');
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"cannot read the systemd credential {file} ({error.Message})", error);
        }
    }

    private static bool HasPassword(DbConnectionStringBuilder connection) => PasswordKeys.Any(connection.ContainsKey);
}
