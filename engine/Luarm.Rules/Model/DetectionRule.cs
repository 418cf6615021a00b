using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model.Tests;

namespace Luarm.Rules.Model;

/// <summary>A validated rule: metadata, what it matches, its exceptions, output, suppression and tests.</summary>
public sealed record DetectionRule(
    string Id,
    string Title,
    string Description,
    RuleSeverity Severity,
    IReadOnlyList<string> Tags,
    bool Enabled,
    IReadOnlyList<MatchAlias> Aliases,
    IReadOnlyList<RuleException> Exceptions,
    OutputTemplate Output,
    Suppression? Suppress,
    IReadOnlyList<RuleTestCase> Tests,
    SourceSpan Where)
{
    /// <summary>The first alias: the fact every window without an explicit <c>after</c> is measured from.</summary>
    public MatchAlias Anchor => Aliases[0];

    public MatchAlias Alias(string name) => Aliases.First(a => a.Name == name);

    /// <summary>The schedule of a scheduled absence (then the rule's only alias), or null.</summary>
    public Schedule? Schedule => Anchor.Schedule;

    /// <summary>The longest time this rule looks across, which sessions must keep facts for.</summary>
    public TimeSpan LongestWindow => Aliases.Select(a => a.Within ?? a.Schedule?.Length ?? TimeSpan.Zero).DefaultIfEmpty().Max();
}
