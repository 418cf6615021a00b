using System.Globalization;
using System.Text.RegularExpressions;
using Luarm.Rules.Compilation;
using Luarm.Rules.Model;
using Luarm.Store.Access;
using Luarm.Store.Alerts;
using Luarm.Store.Facts;

namespace Luarm.Rules.Runtime;

/// <summary>
/// One firing of a rule: for each alias that stands for facts, the fact (or, for a
/// count, the facts of its window, earliest first), and what follows from them:
/// evidence, event-time span, host and the rendered output. A scheduled absence's
/// match has no facts: its span and host are those of the window that was missed.
/// </summary>
public sealed partial class RuleMatch
{
    public RuleMatch(CompiledRule rule, IReadOnlyList<object> values)
        : this(rule, values, null)
    {
    }

    public RuleMatch(CompiledRule rule, ScheduleWindow missed)
        : this(rule, [], missed)
    {
    }

    private RuleMatch(CompiledRule rule, IReadOnlyList<object> values, ScheduleWindow? missed)
    {
        Rule = rule;
        Values = values;
        Missed = missed;
        Facts = values.SelectMany(v => v as IReadOnlyList<object> ?? [v]).Distinct().ToArray();
        FirstSeen = missed?.Start ?? Facts.Min(CreatedOf);
        LastSeen = missed?.End ?? Facts.Max(CreatedOf);
        HostId = missed?.HostId ?? ((IFact)Facts[0]).HostId;
        Evidence = Facts
            .Select(f => FactKind.Of(f.GetType()))
            .Zip(Facts, (kind, fact) => new Evidence(kind.Table.Name, kind.IdOf(fact)))
            .Distinct()
            .OrderBy(e => e.FactTable, StringComparer.Ordinal).ThenBy(e => e.FactId)
            .ToArray();
    }

    public CompiledRule Rule { get; }

    /// <summary>Per alias of <see cref="CompiledRule.FactAliases"/>: a fact, or the list of a count's facts.</summary>
    public IReadOnlyList<object> Values { get; }

    public IReadOnlyList<object> Facts { get; }

    /// <summary>The window a scheduled absence was missed in; null for a match of facts.</summary>
    public ScheduleWindow? Missed { get; }

    /// <summary>What makes the alert key unique besides the evidence: the missed window, which has none.</summary>
    public string? AlertDiscriminator => Missed?.AlertDiscriminator;
    public DateTime FirstSeen { get; }

    /// <summary>When the match was complete in event time; suppression windows are measured on it.</summary>
    public DateTime LastSeen { get; }
    public int HostId { get; }
    public IReadOnlyList<Evidence> Evidence { get; }

    public string Render() => Spaces().Replace(Rule.Definition.Output.Render(Slot), " ").Trim();

    /// <summary>The values of the suppression fields: matches with equal keys fold into one alert.</summary>
    public string SuppressionKey() => Rule.Definition.Suppress is { } suppress
        ? string.Join('\u001f', suppress.By.Select(f => Format(FieldValue(f.Alias, f.Field))))
        : "";

    private string Slot(TemplateSlot slot) => slot switch
    {
        AliasSlot { Field: { } field } alias => Format(FieldValue(alias.Alias, field)),
        AliasSlot counted => Count(counted.Alias),
        WindowSlot window => Format(window.Part switch
        {
            WindowPart.Start => Missed!.Start,
            WindowPart.End => Missed!.End,
            _ => Missed!.HostId,
        }),
        _ => throw new ArgumentException($"no value for {slot.GetType().Name}", nameof(slot)),
    };

    private string Count(string alias)
    {
        var window = (IReadOnlyList<object>)ValueOf(alias);
        var count = Rule.Definition.Alias(alias).Count!;
        // Distinct values as the threshold counts them (text without case, missing values not at all), so the number shown is the one reached.
        return (count.Distinct is { } distinct
            ? window.Select(fact => SlidingCountRule.CountedValue(distinct, fact)).OfType<object>().Distinct().Count()
            : window.Count).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A field of an alias's fact; for a count, of the earliest fact of its window.</summary>
    public object? FieldValue(string alias, FactField field) => ValueOf(alias) switch
    {
        IReadOnlyList<object> window => field.Read(window[0]),
        var fact => field.Read(fact),
    };

    private object ValueOf(string alias) => Values[Rule.IndexOf(alias)];

    private static DateTime CreatedOf(object fact) => ((IFact)fact).Created;

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTime time => StoreTime.ToText(time),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();

    /// <summary>Orders a count's facts earliest first (then by id), so output and evidence are stable.</summary>
    public static IReadOnlyList<object> Window(IEnumerable<object> facts) =>
        facts.OrderBy(CreatedOf).ThenBy(f => ((IFact)f).Id).ToArray();
}
