using Luarm.Rules.Matching;

namespace Luarm.Rules.Model.Conditions;

/// <summary>A number inside one of some ranges.</summary>
public sealed record NumberPredicate(NumberMatcher Matcher) : FieldPredicate;
