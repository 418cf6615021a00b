using System.Linq.Expressions;
using Luarm.Rules.Matching;
using Luarm.Rules.Model;
using Luarm.Rules.Model.Conditions;
using Luarm.Rules.Runtime;
using NRules.RuleModel;
using NRules.RuleModel.Builders;

namespace Luarm.Rules.Compilation;

/// <summary>
/// Builds the NRules rule model of a rule: a pattern per alias (joined to the first
/// alias's host, ordered and windowed on <c>created</c>), a collect aggregate per
/// count, a <c>not</c> per absence guarded by the host's clock, and an action that
/// hands the matched facts to the session's <see cref="MatchSink"/>. A scheduled
/// absence is a <c>not</c> inside each window of its schedule, guarded the same way.
/// </summary>
public static class RuleModelBuilder
{
    private const string SinkName = "_sink";
    private const string ClockName = "_clock";
    private const string WindowName = "_window";
    private const string AnchorKey = "@anchor";

    public static IRuleDefinition Build(CompiledRule compiled)
    {
        var rule = compiled.Definition;
        var builder = new RuleBuilder();
        builder.Name(rule.Id);
        builder.Description(rule.Title);
        builder.Tags(rule.Tags);
        builder.Property("severity", rule.Severity);
        // A match fires once; a later change to its facts (a count growing, the clock moving) does not fire it again.
        builder.Repeatability(RuleRepeatability.NonRepeatable);
        builder.Dependencies().Dependency(typeof(MatchSink), SinkName);
        var lhs = builder.LeftHandSide();
        builder.RightHandSide().Action(rule.Schedule is null ? AddMatch(lhs, compiled) : AddMissedWindow(lhs, compiled));
        return builder.Build();
    }

    /// <summary>The patterns of the rule's facts, counts and absences; returns the action that reports a match.</summary>
    private static LambdaExpression AddMatch(GroupBuilder lhs, CompiledRule compiled)
    {
        var rule = compiled.Definition;
        var declarations = new Dictionary<string, Declared>();
        var values = new List<Declared>();
        foreach (var alias in compiled.FactAliases)
        {
            values.Add(alias.Count is null ? AddFact(lhs, rule, alias, declarations) : AddCount(lhs, rule, alias, declarations));
        }
        var absences = rule.Aliases.Where(a => a.Absent).ToArray();
        if (absences.Length > 0)
        {
            AddClock(lhs, rule, absences, declarations);
            foreach (var absent in absences)
            {
                var pattern = lhs.Not().Pattern(absent.Kind.RowType, absent.Name);
                AddConditions(pattern, Constraints(rule, absent, declarations, withExceptions: false));
            }
        }
        return Action(values, (sink, facts) => Expression.Call(sink, nameof(MatchSink.Add), null,
            Expression.Constant(compiled),
            Expression.NewArrayInit(typeof(object), facts.Select(f => Expression.Convert(f, typeof(object))))));
    }

    /// <summary>
    /// A scheduled absence: a window of the schedule on a host (the session opens them),
    /// whose end the host's clock has reached, with no fact of the alias on that host
    /// at or after its start and before its end. Returns the action that reports the window.
    /// </summary>
    private static LambdaExpression AddMissedWindow(GroupBuilder lhs, CompiledRule compiled)
    {
        var rule = compiled.Definition;
        var absent = rule.Anchor;
        var window = new Declared(WindowName, typeof(ScheduleWindow));
        var scope = new Dictionary<string, Declared>
        {
            [WindowName] = window,
            [ClockName] = new Declared(ClockName, typeof(HostClock)),
            [absent.Name] = new Declared(absent.Name, absent.Kind.RowType),
        };
        Expression Of(ParameterScope s, string name, string property) => Expression.Property(s.For(name), property);
        AddConditions(lhs.Pattern(typeof(ScheduleWindow), WindowName), Compile(scope,
            [s => Expression.Equal(Of(s, WindowName, nameof(ScheduleWindow.Schedule)), Expression.Constant(rule.Schedule))]));
        AddConditions(lhs.Pattern(typeof(HostClock), ClockName), Compile(scope,
        [
            s => Expression.Equal(Of(s, ClockName, nameof(HostClock.HostId)), Of(s, WindowName, nameof(ScheduleWindow.HostId))),
            // The end is outside the window: a clock that has reached it has seen all of the window.
            s => Expression.GreaterThanOrEqual(Of(s, ClockName, nameof(HostClock.Now)), Of(s, WindowName, nameof(ScheduleWindow.End))),
        ]));
        var missing = lhs.Not().Pattern(absent.Kind.RowType, absent.Name);
        AddConditions(missing, Constraints(rule, absent, scope, withExceptions: false));
        AddConditions(missing, Compile(scope,
        [
            s => Expression.Equal(s.Property(absent.Name, absent.Kind.HostId), Of(s, WindowName, nameof(ScheduleWindow.HostId))),
            s => Expression.AndAlso(
                Expression.GreaterThanOrEqual(s.Property(absent.Name, absent.Kind.Created), Of(s, WindowName, nameof(ScheduleWindow.Start))),
                Expression.LessThan(s.Property(absent.Name, absent.Kind.Created), Of(s, WindowName, nameof(ScheduleWindow.End)))),
        ]));
        return Action([window], (sink, values) => Expression.Call(sink, nameof(MatchSink.AddWindow), null, Expression.Constant(compiled), values[0]));
    }

    private static Declared AddFact(GroupBuilder lhs, DetectionRule rule, MatchAlias alias, Dictionary<string, Declared> declarations)
    {
        var pattern = lhs.Pattern(alias.Kind.RowType, alias.Name);
        AddConditions(pattern, Constraints(rule, alias, declarations, withExceptions: true));
        return declarations[alias.Name] = new Declared(alias.Name, alias.Kind.RowType);
    }

    /// <summary>
    /// A count: the facts of the alias in its window, collected. Standing alone, a
    /// window opens at each matching fact (the anchor, declared under the alias's
    /// name) and covers [anchor, anchor + within] for facts with the same by-fields.
    /// </summary>
    private static Declared AddCount(GroupBuilder lhs, DetectionRule rule, MatchAlias alias, Dictionary<string, Declared> declarations)
    {
        var type = alias.Kind.RowType;
        var count = alias.Count!;
        var standalone = alias.After is null && !alias.Condition.Aliases.Any(a => a != alias.Name);
        var itemScope = new Dictionary<string, Declared>(declarations) { [alias.Name] = new Declared($"_{alias.Name}_item", type) };
        var itemConstraints = new List<Func<ParameterScope, Expression>>();
        if (standalone)
        {
            var anchor = lhs.Pattern(type, alias.Name);
            AddConditions(anchor, Constraints(rule, alias, declarations, withExceptions: true));
            itemScope[AnchorKey] = new Declared(alias.Name, type);
            itemConstraints.Add(s => Expression.Equal(s.Property(alias.Name, alias.Kind.HostId), s.Property(AnchorKey, alias.Kind.HostId)));
            itemConstraints.AddRange(count.By.Select(field => Same(alias.Name, AnchorKey, field)));
            itemConstraints.Add(s => Between(s.Property(alias.Name, alias.Kind.Created), s.Property(AnchorKey, alias.Kind.Created), TimeSpan.Zero, alias.Within!.Value));
        }
        var windowName = $"_{alias.Name}_window";
        var windowType = typeof(IEnumerable<>).MakeGenericType(type);
        var window = lhs.Pattern(windowType, windowName);
        var collection = Expression.Parameter(windowType, windowName);
        window.Condition(Expression.Lambda(
            Expression.Call(Expression.Constant(new CountThreshold(count.AtLeast, count.Distinct)), nameof(CountThreshold.IsReached), null, collection),
            collection));
        var aggregate = window.Aggregate();
        aggregate.Collect();
        var item = aggregate.Pattern(type, $"_{alias.Name}_item");
        var constraints = standalone
            ? Constraints(rule, alias, itemScope, withExceptions: true, withPlacement: false).Concat(Compile(itemScope, itemConstraints))
            : Constraints(rule, alias, itemScope, withExceptions: true);
        AddConditions(item, constraints);
        return declarations[alias.Name] = new Declared(windowName, windowType);
    }

    private static void AddClock(GroupBuilder lhs, DetectionRule rule, IEnumerable<MatchAlias> absences, Dictionary<string, Declared> declarations)
    {
        var scope = new Dictionary<string, Declared>(declarations) { [ClockName] = new Declared(ClockName, typeof(HostClock)) };
        var constraints = new List<Func<ParameterScope, Expression>>
        {
            s => Expression.Equal(Expression.Property(s.For(ClockName), nameof(HostClock.HostId)), s.Property(rule.Anchor.Name, rule.Anchor.Kind.HostId)),
        };
        foreach (var absent in absences)
        {
            var reference = rule.Alias(absent.After ?? rule.Anchor.Name);
            // Absence is known only once the host's event time has passed the whole window.
            constraints.Add(s => Expression.GreaterThan(
                Expression.Property(s.For(ClockName), nameof(HostClock.Now)),
                Shift(s.Property(reference.Name, reference.Kind.Created), absent.Within!.Value)));
        }
        AddConditions(lhs.Pattern(typeof(HostClock), ClockName), Compile(scope, constraints));
    }

    /// <summary>
    /// Everything a fact of <paramref name="alias"/> must satisfy where it is declared
    /// (its own pattern, unless <paramref name="declarations"/> maps it elsewhere): its conditions, the anchor's host, its order and window,
    /// the lifetime of a process it joins by pid, and the exceptions that end with it.
    /// </summary>
    internal static IEnumerable<LambdaExpression> Constraints(
        DetectionRule rule, MatchAlias alias, IReadOnlyDictionary<string, Declared> declarations, bool withExceptions, bool withPlacement = true)
    {
        var scope = new Dictionary<string, Declared>(declarations);
        scope.TryAdd(alias.Name, new Declared(alias.Name, alias.Kind.RowType));
        var constraints = TopLevelParts(alias.Condition).Select(c => (Func<ParameterScope, Expression>)(s => ConditionCompiler.Body(c, s))).ToList();
        var anchor = rule.Anchor;
        if (withPlacement && alias != anchor)
        {
            constraints.Add(s => Expression.Equal(s.Property(alias.Name, alias.Kind.HostId), s.Property(anchor.Name, anchor.Kind.HostId)));
            if (alias.After is { } after)
            {
                var reference = rule.Alias(after);
                constraints.Add(s => Between(s.Property(alias.Name, alias.Kind.Created), s.Property(reference.Name, reference.Kind.Created), TimeSpan.Zero, alias.Within));
            }
            else if (alias.Within is { } within)
            {
                constraints.Add(s => Between(s.Property(alias.Name, alias.Kind.Created), s.Property(anchor.Name, anchor.Kind.Created), -within, within));
            }
        }
        foreach (var join in TopLevelParts(alias.Condition).OfType<FieldJoin>().Where(IsPidOfProcess))
        {
            constraints.Add(s => WithinLifetime(s.Property(alias.Name, alias.Kind.Created), s.Property(join.Other.Alias, rule.Alias(join.Other.Alias).Kind.Fields["destroyed"])));
        }
        if (withExceptions)
        {
            foreach (var exception in rule.Exceptions.Where(e => EndsWith(rule, e, alias)))
            {
                constraints.Add(s => Expression.Not(ConditionCompiler.Body(exception.Condition, s)));
            }
        }
        return Compile(scope, constraints);
    }

    private static IEnumerable<LambdaExpression> Compile(IReadOnlyDictionary<string, Declared> scope, IEnumerable<Func<ParameterScope, Expression>> constraints) =>
        constraints.Select(build =>
        {
            var parameters = new ParameterScope(scope);
            return parameters.Lambda(build(parameters));
        }).ToArray();

    private static void AddConditions(PatternBuilder pattern, IEnumerable<LambdaExpression> conditions)
    {
        foreach (var condition in conditions)
        {
            pattern.Condition(condition);
        }
    }

    /// <summary>Each part of a top-level <c>all</c> becomes its own NRules condition, so alpha nodes can be shared.</summary>
    internal static IEnumerable<Condition> TopLevelParts(Condition condition) =>
        condition is AllOf all ? all.Parts.SelectMany(TopLevelParts) : [condition];

    /// <summary>An exception is tested where the last alias it reads is declared.</summary>
    private static bool EndsWith(DetectionRule rule, RuleException exception, MatchAlias alias)
    {
        var last = exception.Condition.Aliases.Select(a => rule.Aliases.ToList().FindIndex(x => x.Name == a)).Max();
        return rule.Aliases[last] == alias;
    }

    private static bool IsPidOfProcess(FieldJoin join) => join.Other.Field.Name == "pid" && join.Other.Field.Property.DeclaringType == typeof(Store.Facts.ProcessFact);

    private static Func<ParameterScope, Expression> Same(string alias, string other, FactField field) =>
        s => field.Type == FieldType.Text
            ? Expression.Call(typeof(string).GetMethod(nameof(string.Equals), [typeof(string), typeof(string), typeof(StringComparison)])!,
                s.Property(alias, field), s.Property(other, field), Expression.Constant(StringComparison.OrdinalIgnoreCase))
            : Expression.Equal(s.Property(alias, field), s.Property(other, field));

    /// <summary>reference + from &lt;= time &lt;= reference + to, both edges included; no upper edge when <paramref name="to"/> is null.</summary>
    private static Expression Between(Expression time, Expression reference, TimeSpan from, TimeSpan? to)
    {
        var lower = Expression.GreaterThanOrEqual(time, from == TimeSpan.Zero ? reference : Shift(reference, from));
        return to is { } upper ? Expression.AndAlso(lower, Expression.LessThanOrEqual(time, Shift(reference, upper))) : lower;
    }

    private static Expression Shift(Expression time, TimeSpan offset) =>
        Expression.Call(typeof(EventTime), nameof(EventTime.Shift), null, time, Expression.Constant(offset));

    /// <summary>A pid names a process only while it lives: a fact after the process ended belongs to a reused pid.</summary>
    private static Expression WithinLifetime(Expression time, Expression destroyed) =>
        Expression.OrElse(
            Expression.Not(Expression.Property(destroyed, "HasValue")),
            Expression.LessThanOrEqual(time, Expression.Property(destroyed, "Value")));

    /// <summary>The rule's action: the call <paramref name="body"/> makes on the sink with the declared values.</summary>
    private static LambdaExpression Action(IReadOnlyList<Declared> declared, Func<ParameterExpression, ParameterExpression[], Expression> body)
    {
        var context = Expression.Parameter(typeof(IContext), "ctx");
        var sink = Expression.Parameter(typeof(MatchSink), SinkName);
        var values = declared.Select(v => Expression.Parameter(v.Type, v.Name)).ToArray();
        return Expression.Lambda(body(sink, values), [context, sink, .. values]);
    }
}
