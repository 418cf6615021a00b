using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model.Conditions;

namespace Luarm.Rules.Model;

/// <summary>A known-good case the rule must not alert on, with the reason someone gave for it.</summary>
public sealed record RuleException(string Reason, Condition Condition, SourceSpan Where);
