namespace Luarm.Rules.Model.Conditions;

/// <summary>A validated condition over the facts of one or more aliases of a rule.</summary>
public abstract record Condition
{
    /// <summary>The aliases whose facts this condition reads.</summary>
    public abstract IEnumerable<string> Aliases { get; }
}
