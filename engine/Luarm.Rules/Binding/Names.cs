using System.Text.RegularExpressions;

namespace Luarm.Rules.Binding;

/// <summary>
/// What counts as a name for aliases, lists and macros: lowercase letters, digits
/// and _, starting with a letter, at most <see cref="MaxLength"/> characters.
/// </summary>
public static partial class Names
{
    public const int MaxLength = 64;

    public static bool IsValid(string name) => name.Length <= MaxLength && Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex Pattern();
}
