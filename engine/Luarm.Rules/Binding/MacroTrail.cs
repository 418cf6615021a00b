namespace Luarm.Rules.Binding;

/// <summary>The macros being expanded, innermost on top, and how many one condition has expanded so far.</summary>
public sealed class MacroTrail : Stack<string>
{
    public int Expansions { get; set; }
}
