namespace Luarm.Rules.Model;

/// <summary>How urgent an alert of the rule is, in increasing order.</summary>
public enum RuleSeverity
{
    Info,
    Low,
    Medium,
    High,
    Critical,
}
