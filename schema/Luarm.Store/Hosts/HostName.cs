using System.Text.RegularExpressions;
using Luarm.Store.Errors;

namespace Luarm.Store.Hosts;

/// <summary>What a registered host may be called: it becomes part of a database account name.</summary>
public static partial class HostName
{
    public const string Rule = "use 1 to 255 letters, digits, '.', '-' or '_', starting with a letter or digit";

    public static bool IsValid(string hostname) => Pattern().IsMatch(hostname);

    public static string Validate(string hostname)
    {
        if (!IsValid(hostname))
        {
            throw new StoreException($"'{hostname}' is not a host name: {Rule}");
        }
        return hostname;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$")]
    private static partial Regex Pattern();
}
