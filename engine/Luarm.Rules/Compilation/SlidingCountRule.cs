using Luarm.Rules.Model;

namespace Luarm.Rules.Compilation;

/// <summary>
/// A rule that is one count standing alone (no other alias, no <c>after</c>): every
/// matching fact opens a window [its time, its time + within] over the facts of the
/// same host and <c>by</c> values, and the rule fires for it when the window holds
/// enough facts (or distinct values). Evaluated by <see cref="Runtime.CountWindow"/>
/// outside the Rete network: NRules would test each fact against every anchor of
/// its host and recount each collection on every change.
/// </summary>
public sealed class SlidingCountRule
{
    private readonly FactField[] _by;
    private readonly FactField? _distinct;

    private SlidingCountRule(CompiledRule compiled)
    {
        Compiled = compiled;
        var alias = compiled.Definition.Anchor;
        var count = alias.Count!;
        Kind = alias.Kind;
        AtLeast = count.AtLeast;
        Within = alias.Within!.Value;
        _by = [.. count.By];
        _distinct = count.Distinct;
        Matches = CompileFilter(compiled.Definition, alias);
    }

    public CompiledRule Compiled { get; }

    public FactKind Kind { get; }

    public int AtLeast { get; }

    public TimeSpan Within { get; }

    public bool CountsDistinct => _distinct is not null;

    /// <summary>The alias's conditions and the rule's exceptions, on one fact.</summary>
    public Func<object, bool> Matches { get; }

    /// <summary>True for a rule this class can evaluate; other rules go to the Rete network.</summary>
    public static bool Fits(DetectionRule rule) =>
        rule.Aliases is [{ Count: not null, After: null, Absent: false, Schedule: null, Within: not null } alias]
        && alias.Condition.Aliases.All(a => a == alias.Name);

    public static SlidingCountRule Of(CompiledRule compiled) =>
        Fits(compiled.Definition) ? new SlidingCountRule(compiled) : throw new ArgumentException($"{compiled} is not a standalone count", nameof(compiled));

    /// <summary>The fact's group: its host and <c>by</c> values, text compared without case as the Rete join did.</summary>
    public CountGroupKey GroupOf(object fact) =>
        new((int)Kind.HostId.Read(fact)!, _by.Length == 0 ? "" : string.Join('\u001f', _by.Select(field => FactPredicate.KeyPart(field.Read(fact)))));

    /// <summary>The value a distinct count counts (null is not counted), or null for a plain count.</summary>
    public object? DistinctOf(object fact) => CountedValue(_distinct, fact);

    /// <summary>A distinct count's value of a fact, text without case as <see cref="Matching.CountThreshold"/> has it.</summary>
    internal static object? CountedValue(FactField? distinct, object fact) =>
        distinct?.Read(fact) switch
        {
            string text => text.ToLowerInvariant(),
            var value => value,
        };

    private static Func<object, bool> CompileFilter(DetectionRule rule, MatchAlias alias) =>
        FactPredicate.Of(alias, RuleModelBuilder.Constraints(rule, alias, new Dictionary<string, Declared>(), withExceptions: true, withPlacement: false));
}

/// <summary>A count's group: one host and one combination of <c>by</c> values.</summary>
public readonly record struct CountGroupKey(int HostId, string By);
