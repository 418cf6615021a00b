using System.Text.RegularExpressions;

namespace Luarm.Engine.Sinks;

/// <summary>A name that becomes part of an outbox channel (<c>email.NAME</c>), so it must stay short and plain.</summary>
internal static partial class RouteName
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex Pattern();
}
