using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model.Conditions;

namespace Luarm.Rules.Model;

/// <summary>
/// One named part of a rule's match: the facts of a kind that meet a condition,
/// optionally ordered after another alias, inside a window, counted, or absent
/// (from another fact, or within each window of a <see cref="Schedule"/>).
/// </summary>
public sealed record MatchAlias(
    string Name,
    FactKind Kind,
    Condition Condition,
    string? After,
    TimeSpan? Within,
    CountSpec? Count,
    bool Absent,
    Schedule? Schedule,
    SourceSpan Where)
{
    /// <summary>True when the alias stands for one fact, which output, joins and evidence can use directly.</summary>
    public bool IsSingleFact => Count is null && !Absent;
}
