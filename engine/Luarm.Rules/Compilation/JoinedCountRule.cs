using Luarm.Rules.Model;
using Luarm.Rules.Model.Conditions;

namespace Luarm.Rules.Compilation;

/// <summary>
/// A rule of one fact and a count joined to it (<c>proc</c>, then <c>conns</c> with
/// <c>pid: proc.pid</c>, counted in a window from it): it fires for a fact when
/// enough facts of the count (or distinct values) meet their conditions with it.
/// Evaluated by <see cref="Runtime.JoinedCounts"/> outside the Rete network, where
/// every new fact of the count would be tested against every fact of the first alias
/// on its host: the equal fields of the join pick the few candidates instead.
/// </summary>
public sealed class JoinedCountRule
{
    private readonly (FactField Anchor, FactField Item)[] _keys;
    private readonly FactField? _distinct;

    private JoinedCountRule(CompiledRule compiled)
    {
        Compiled = compiled;
        var rule = compiled.Definition;
        var (anchor, counted) = (rule.Aliases[0], rule.Aliases[1]);
        AnchorKind = anchor.Kind;
        ItemKind = counted.Kind;
        AtLeast = counted.Count!.AtLeast;
        _distinct = counted.Count.Distinct;
        _keys = [.. RuleModelBuilder.TopLevelParts(counted.Condition).OfType<FieldJoin>().Select(join => join.Field.Alias == anchor.Name
            ? (join.Field.Field, join.Other.Field)
            : (join.Other.Field, join.Field.Field))];
        var none = new Dictionary<string, Declared>();
        IsAnchor = FactPredicate.Of(anchor, RuleModelBuilder.Constraints(rule, anchor, none, withExceptions: true));
        MayCount = FactPredicate.Of(counted, RuleModelBuilder.Constraints(rule, counted with { Condition = OwnParts(counted) }, none, withExceptions: false, withPlacement: false));
        Counts = FactPredicate.Of(anchor, counted, RuleModelBuilder.Constraints(
            rule, counted, new Dictionary<string, Declared> { [anchor.Name] = new(anchor.Name, anchor.Kind.RowType) }, withExceptions: true));
    }

    public CompiledRule Compiled { get; }

    public FactKind AnchorKind { get; }

    public FactKind ItemKind { get; }

    public int AtLeast { get; }

    public bool CountsDistinct => _distinct is not null;

    /// <summary>The first alias's conditions and the exceptions tested on it.</summary>
    public Func<object, bool> IsAnchor { get; }

    /// <summary>The counted alias's conditions that read only its own fact: a fact failing them never counts.</summary>
    public Func<object, bool> MayCount { get; }

    /// <summary>Everything a counted fact must meet with an anchor: its conditions, host, window, pid lifetime, exceptions.</summary>
    public Func<object, object, bool> Counts { get; }

    /// <summary>True for a rule this class can evaluate; other rules go to the Rete network.</summary>
    public static bool Fits(DetectionRule rule) =>
        rule.Aliases is [{ IsSingleFact: true, Schedule: null } anchor, { Count: not null, Absent: false } counted]
        && (counted.After is not null || counted.Condition.Aliases.Contains(anchor.Name));

    public static JoinedCountRule Of(CompiledRule compiled) =>
        Fits(compiled.Definition) ? new JoinedCountRule(compiled) : throw new ArgumentException($"{compiled} is not a joined count", nameof(compiled));

    /// <summary>The anchor's host and join values: counted facts that can meet it share them.</summary>
    public CountGroupKey AnchorKey(object anchor) => Key(AnchorKind, anchor, k => k.Anchor);

    public CountGroupKey ItemKey(object item) => Key(ItemKind, item, k => k.Item);

    public object? DistinctOf(object item) => SlidingCountRule.CountedValue(_distinct, item);

    private CountGroupKey Key(FactKind kind, object fact, Func<(FactField Anchor, FactField Item), FactField> side) =>
        new((int)kind.HostId.Read(fact)!, string.Join('\u001f', _keys.Select(k => FactPredicate.KeyPart(side(k).Read(fact) switch
        {
            // Numbers of different types join by value (as the compiled join converts them).
            IConvertible number and not (string or DateTime or bool) => number.ToDecimal(System.Globalization.CultureInfo.InvariantCulture),
            var other => other,
        }))));

    private static AllOf OwnParts(MatchAlias alias) =>
        new([.. RuleModelBuilder.TopLevelParts(alias.Condition).Where(part => part.Aliases.All(a => a == alias.Name))]);
}
