using Luarm.Rules.Matching;

namespace Luarm.Rules.Model.Conditions;

/// <summary>Text tests, any of which (or, with <c>|all</c>, every one of which) must match.</summary>
public sealed record TextPredicate(IReadOnlyList<TextMatcher> Matchers, bool RequireAll) : FieldPredicate;
