namespace Luarm.Rules.Binding;

/// <summary>
/// The aliases a condition may name. Inside an alias's conditions (<see cref="Current"/>
/// set) bare fields are that alias's, and other aliases must come earlier (joins look
/// back); in exceptions and suppression any alias may be named, but not an absent one.
/// </summary>
public sealed class BindingScope(IReadOnlyList<AliasInfo> aliases, AliasInfo? current)
{
    public IReadOnlyList<AliasInfo> Aliases { get; } = aliases;

    public AliasInfo? Current { get; } = current;

    public AliasInfo? Find(string name) => Aliases.FirstOrDefault(a => a.Name == name);

    /// <summary>The alias a bare field belongs to: the current one, or the only one of the rule.</summary>
    public AliasInfo? Implicit => Current ?? (Aliases.Count == 1 ? Aliases[0] : null);

    /// <summary>Why <paramref name="other"/> cannot be read here, or null when it can.</summary>
    public string? WhyNotReadable(AliasInfo other)
    {
        if (Current is null)
        {
            return other.IsAbsent ? $"'{other.Name}' is absent: there is no fact of it to compare" : null;
        }
        if (other == Current)
        {
            return null;
        }
        if (other.Index > Current.Index)
        {
            return $"'{other.Name}' is matched after '{Current.Name}'; joins look back, so write this on '{other.Name}' instead";
        }
        return other.IsSingleFact ? null : $"'{other.Name}' is a count or an absence, not one fact, so it cannot be joined to";
    }
}
