using System.Text.RegularExpressions;
using Luarm.Store.Errors;

namespace Luarm.Store.Hosts;

internal static partial class HostName
{
    public static string Validate(string hostname)
    {
        if (!Pattern().IsMatch(hostname))
        {
            throw new StoreException($"'{hostname}' is not a host name: use 1 to 255 letters, digits, '.', '-' or '_'");
        }
        return hostname;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$")]
    private static partial Regex Pattern();
}
