using Luarm.Rules.Model;

namespace Luarm.Rules.Compilation;

/// <summary>A rule as the runtime sees it: its definition and the aliases its matches carry values for.</summary>
public sealed class CompiledRule(DetectionRule definition)
{
    public DetectionRule Definition { get; } = definition;

    /// <summary>The aliases that stand for facts (absent ones do not), in match order: the order of a match's values.</summary>
    public IReadOnlyList<MatchAlias> FactAliases { get; } = definition.Aliases.Where(a => !a.Absent).ToArray();

    public int IndexOf(string alias)
    {
        for (var i = 0; i < FactAliases.Count; i++)
        {
            if (FactAliases[i].Name == alias)
            {
                return i;
            }
        }
        throw new ArgumentException($"{Definition.Id} has no fact alias '{alias}'", nameof(alias));
    }

    public override string ToString() => Definition.Id;
}
