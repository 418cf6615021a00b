namespace Luarm.Rules.Parsing;

/// <summary>The keys each part of the language accepts; anything else is reported as unknown.</summary>
public static class RuleKeys
{
    public static readonly string[] Rule = ["id", "title", "description", "severity", "tags", "enabled", "match", "exceptions", "output", "suppress", "tests"];
    public static readonly string[] Definitions = ["lists", "macros", "rules"];
    public static readonly string[] AliasOptions = ["after", "within", "count", "absent", "schedule"];
    public static readonly string[] Count = ["at_least", "distinct", "by"];
    public static readonly string[] Schedule = ["between", "every"];
    public static readonly string[] Suppress = ["by", "for"];
    public static readonly string[] Tuning = ["enabled", "severity", "exceptions"];
    public static readonly string[] ListAppend = ["append"];
    public static readonly string[] Test = ["name", "facts", "fixture", "base", "now", "arrival", "expect"];
    public static readonly string[] Expect = ["alerts"];
    public static readonly string[] ExpectedAlert = ["evidence", "output", "hits"];
    public const string Reason = "reason";
    public const string Any = "any";
    public const string All = "all";
    public const string Not = "not";
    public const string Macro = "macro";
}
