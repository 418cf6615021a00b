using System.Text.RegularExpressions;
using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model;
using Luarm.Rules.Model.Conditions;
using Luarm.Rules.Model.Tests;
using Luarm.Rules.Parsing;
using Luarm.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Binding;

/// <summary>
/// Validates one rule document against the vocabulary and the library and builds
/// its <see cref="DetectionRule"/>; every problem is reported, and a rule with
/// any error is not built.
/// </summary>
public sealed partial class RuleBinder(RuleLibrary library)
{
    private readonly ConditionBinder _conditions = new(library, new PredicateBinder(new ValueResolver(library)));

    public DetectionRule? Bind(RuleSyntax syntax)
    {
        var reader = syntax.Reader;
        var diagnostics = reader.Diagnostics;
        diagnostics.RuleId = syntax.Id;
        var errorsBefore = diagnostics.ErrorCount;
        var entries = reader.Entries(syntax.Body, $"rule {syntax.Id}", RuleKeys.Rule).ToDictionary(e => e.Key);
        if (!IdPattern().IsMatch(syntax.Id))
        {
            reader.Error(entries["id"].Value, DiagnosticCodes.BadId, $"rule id '{syntax.Id}' may hold at most 100 letters, digits, '-', '_' and '.'");
        }
        var title = Required(reader, syntax, entries, "title") is { } titleNode ? reader.Text(titleNode, "title") : null;
        var severity = syntax.SeverityOverride
            ?? (Required(reader, syntax, entries, "severity") is { } severityNode ? SeverityReader.Read(reader, severityNode) : null);
        var description = entries.TryGetValue("description", out var d) ? reader.Text(d.Value, "description")?.Trim() : null;
        var tags = entries.TryGetValue("tags", out var t) ? reader.TextList(t.Value, "a tag") : [];
        var enabled = syntax.EnabledOverride ?? (entries.TryGetValue("enabled", out var e) ? reader.Bool(e.Value, "enabled") : true);
        var tests = entries.TryGetValue("tests", out var testNode) ? TestBinder.Bind(reader, testNode.Value) : [];
        var aliases = Required(reader, syntax, entries, "match") is { } matchNode ? BindMatch(reader, matchNode) : [];
        if (aliases.Count == 0)
        {
            return null;
        }
        var exceptions = BindExceptions(syntax, entries, aliases);
        var output = entries.TryGetValue("output", out var o) ? TemplateParser.Parse(reader, o.Value, aliases) : new OutputTemplate([title ?? syntax.Id]);
        var suppress = entries.TryGetValue("suppress", out var s) ? BindSuppression(reader, s.Value, aliases) : null;
        diagnostics.RuleId = syntax.Id;
        if (diagnostics.ErrorCount > errorsBefore || title is null || severity is null || output is null || enabled is null)
        {
            return null;
        }
        return new DetectionRule(syntax.Id, title.Trim(), description ?? "", severity.Value, tags, enabled.Value,
            aliases, exceptions, output, suppress, tests, syntax.Where);
    }

    private static YamlNode? Required(NodeReader reader, RuleSyntax syntax, Dictionary<string, MappingEntry> entries, string key)
    {
        if (entries.TryGetValue(key, out var entry))
        {
            return entry.Value;
        }
        reader.Error(syntax.Body, DiagnosticCodes.MissingKey, $"rule {syntax.Id} has no '{key}'");
        return null;
    }

    private IReadOnlyList<MatchAlias> BindMatch(NodeReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "match") is not { } mapping)
        {
            return [];
        }
        var declared = reader.Entries(mapping, "match").Select((entry, index) => Declare(reader, entry, index)).ToArray();
        if (declared.Any(d => d is null) || declared.Length == 0)
        {
            if (declared.Length == 0)
            {
                reader.Error(mapping, DiagnosticCodes.MissingKey, "match: needs at least one alias, e.g. proc: {process: {...}}");
            }
            return [];
        }
        var infos = declared.Select(d => d!.Info).ToArray();
        var aliases = declared.Select(d => BindAlias(reader, d!, infos)).ToArray();
        if (aliases.Any(a => a is null))
        {
            return [];
        }
        WarnAboutCartesianJoins(reader, aliases!, declared!);
        return aliases!;
    }

    private static DeclaredAlias? Declare(NodeReader reader, MappingEntry entry, int index)
    {
        if (!Names.IsValid(entry.Key))
        {
            reader.Error(entry.KeyNode, DiagnosticCodes.BadAlias, $"'{entry.Key}' is not a valid alias; use lowercase letters, digits and _, starting with a letter (e.g. proc, conn)");
            return null;
        }
        if (reader.Mapping(entry.Value, $"alias '{entry.Key}'") is not { } body)
        {
            return null;
        }
        var declared = new DeclaredAlias(entry, body);
        foreach (var option in reader.Entries(body, $"alias '{entry.Key}'"))
        {
            if (RuleKeys.AliasOptions.Contains(option.Key))
            {
                declared.Options[option.Key] = option;
            }
            else if (FactKind.Find(option.Key) is { } kind)
            {
                if (declared.KindEntry is not null)
                {
                    reader.Error(option.KeyNode, DiagnosticCodes.WrongShape, $"alias '{entry.Key}' already matches {declared.Kind!.Name}; one alias matches one kind of fact");
                    return null;
                }
                (declared.Kind, declared.KindEntry) = (kind, option);
            }
            else
            {
                reader.Error(option.KeyNode, DiagnosticCodes.UnknownKind,
                    $"'{option.Key}' is neither a fact kind nor an alias option{Suggestion.For(option.Key, FactKind.Names.Concat(RuleKeys.AliasOptions))}; kinds: {string.Join(", ", FactKind.Names)}; options: {string.Join(", ", RuleKeys.AliasOptions)}");
                return null;
            }
        }
        if (declared.Kind is null)
        {
            reader.Error(entry.KeyNode, DiagnosticCodes.MissingKey, $"alias '{entry.Key}' names no fact kind; add one of: {string.Join(", ", FactKind.Names)}");
            return null;
        }
        var absent = declared.Options.TryGetValue("absent", out var a) && reader.Bool(a.Value, "absent") == true;
        var counted = declared.Options.ContainsKey("count");
        declared.Info = new AliasInfo(entry.Key, index, declared.Kind, !absent && !counted, absent);
        return declared;
    }

    private MatchAlias? BindAlias(NodeReader reader, DeclaredAlias declared, IReadOnlyList<AliasInfo> infos)
    {
        var info = declared.Info;
        var name = info.Name;
        var condition = _conditions.BindMapping(new SourcedNode(reader, declared.KindEntry!.Value), new BindingScope(infos, info));
        var after = declared.Options.TryGetValue("after", out var afterEntry) ? BindAfter(reader, afterEntry, info, infos) : null;
        var within = declared.Options.TryGetValue("within", out var withinEntry) ? DurationReader.Read(reader, withinEntry.Value, "within") : null;
        var linked = after is not null || (condition is not null && condition.Aliases.Any(a => a != name));
        CountSpec? count = null;
        if (declared.Options.TryGetValue("count", out var countEntry))
        {
            count = BindCount(reader, countEntry, info, linked);
            if (count is not null && !linked && within is null)
            {
                reader.Error(countEntry.KeyNode, DiagnosticCodes.BadCount, $"count '{name}' needs a window: add within: (e.g. within: 10m)");
                count = null;
            }
        }
        var schedule = declared.Options.TryGetValue("schedule", out var scheduleEntry) ? ScheduleReader.Read(reader, scheduleEntry.Value) : null;
        if (scheduleEntry is not null ? !IsScheduledAbsence(reader, declared, scheduleEntry, infos.Count) : info.IsAbsent && !IsAbsenceAfterAFact(reader, declared, within))
        {
            return null;
        }
        if (info.Index == 0 && withinEntry is not null && countEntry is null)
        {
            reader.Error(withinEntry.KeyNode, DiagnosticCodes.BadWindow, "windows are measured from the first alias; within: belongs on a later alias (or on a count)");
            return null;
        }
        var failed = condition is null || (afterEntry is not null && after is null) || (withinEntry is not null && within is null)
            || (countEntry is not null && count is null) || (scheduleEntry is not null && schedule is null);
        return failed ? null : new MatchAlias(name, info.Kind, condition!, after, within, count, info.IsAbsent, schedule, reader.At(declared.Entry.KeyNode));
    }

    /// <summary>An absence measured from another fact: a later alias with a window, not counted.</summary>
    private static bool IsAbsenceAfterAFact(NodeReader reader, DeclaredAlias declared, TimeSpan? within)
    {
        var at = declared.Entry.KeyNode;
        var (node, why) = declared.Info.Index == 0
            ? (at, "the first alias cannot be absent: an absence is measured from another fact, or within a schedule (e.g. schedule: {between: \"01:00-03:00\"})")
            : within is null ? (at, $"absent '{declared.Info.Name}' needs within: (how long to wait for it)")
            : declared.Options.TryGetValue("count", out var count) ? (count.KeyNode, "an alias is either counted or absent, not both")
            : (at, null);
        if (why is not null)
        {
            reader.Error(node, DiagnosticCodes.BadAbsence, why);
        }
        return why is null;
    }

    /// <summary>
    /// An absence within a schedule: measured on the host's clock alone, so it is the
    /// rule's only alias and takes no window or order of its own.
    /// </summary>
    private static bool IsScheduledAbsence(NodeReader reader, DeclaredAlias declared, MappingEntry schedule, int aliasCount)
    {
        var name = declared.Info.Name;
        var other = declared.Options.Values.FirstOrDefault(o => o.Key is "after" or "within" or "count");
        var (node, why) = !declared.Info.IsAbsent ? (schedule.KeyNode, $"schedule: is for an absence; add absent: true to '{name}'")
            : aliasCount > 1 ? (schedule.KeyNode, $"a scheduled absence stands alone: '{name}' must be the rule's only alias")
            : other is not null ? (other.KeyNode, $"a scheduled absence takes no {other.Key}: (its windows come from the schedule)")
            : (schedule.KeyNode, null);
        if (why is not null)
        {
            reader.Error(node, DiagnosticCodes.BadSchedule, why);
        }
        return why is null;
    }

    private static string? BindAfter(NodeReader reader, MappingEntry entry, AliasInfo self, IReadOnlyList<AliasInfo> infos)
    {
        if (reader.Text(entry.Value, "after") is not { } target)
        {
            return null;
        }
        var other = infos.FirstOrDefault(i => i.Name == target);
        if (other is null)
        {
            reader.Error(entry.Value, DiagnosticCodes.UndefinedAlias, $"after: '{target}' is not an alias of this rule{Suggestion.For(target, infos.Select(i => i.Name))}");
            return null;
        }
        var why = other.Index >= self.Index ? $"after: must name an alias matched before '{self.Name}'"
            : !other.IsSingleFact ? $"'{target}' is a count or an absence, not one fact with a time" : null;
        if (why is not null)
        {
            reader.Error(entry.Value, DiagnosticCodes.BadWindow, why);
            return null;
        }
        return target;
    }

    private static CountSpec? BindCount(NodeReader reader, MappingEntry entry, AliasInfo info, bool linked)
    {
        if (reader.Mapping(entry.Value, "count") is not { } mapping)
        {
            return null;
        }
        int? atLeast = null;
        FactField? distinct = null;
        var by = new List<FactField>();
        var ok = true;
        foreach (var option in reader.Entries(mapping, "count", RuleKeys.Count))
        {
            switch (option.Key)
            {
                case "at_least":
                    atLeast = reader.PositiveInt(option.Value, "at_least");
                    break;
                case "distinct":
                    distinct = OwnField(reader, option.Value, info);
                    ok &= distinct is not null;
                    break;
                default:
                    if (linked)
                    {
                        reader.Error(option.KeyNode, DiagnosticCodes.BadCount, $"'{info.Name}' is joined to an earlier alias, which already groups it; by: is for a count that stands alone");
                        ok = false;
                    }
                    foreach (var field in NodeReader.Items(option.Value))
                    {
                        var bound = OwnField(reader, field, info);
                        ok &= bound is not null;
                        by.AddRange(bound is null ? [] : [bound]);
                    }
                    break;
            }
        }
        if (atLeast is null)
        {
            reader.Error(mapping, DiagnosticCodes.BadCount, "count needs at_least: (a whole number above 0)");
        }
        return ok && atLeast is not null ? new CountSpec(atLeast.Value, distinct, by) : null;
    }

    private static FactField? OwnField(NodeReader reader, YamlNode node, AliasInfo info)
    {
        if (reader.Text(node, "a field name") is not { } name)
        {
            return null;
        }
        var field = info.Kind.Field(name.StartsWith(info.Name + ".", StringComparison.Ordinal) ? name[(info.Name.Length + 1)..] : name);
        if (field is null)
        {
            reader.Error(node, DiagnosticCodes.UnknownField, $"{info.Kind.Name} has no field '{name}'{Suggestion.For(name, info.Kind.Fields.Keys)}");
        }
        return field;
    }

    private IReadOnlyList<RuleException> BindExceptions(RuleSyntax syntax, Dictionary<string, MappingEntry> entries, IReadOnlyList<MatchAlias> aliases)
    {
        var nodes = new List<SourcedNode>();
        if (entries.TryGetValue("exceptions", out var own) && syntax.Reader.Sequence(own.Value, "exceptions") is { } list)
        {
            nodes.AddRange(list.Children.Select(n => new SourcedNode(syntax.Reader, n)));
        }
        nodes.AddRange(syntax.OverlayExceptions);
        var infos = aliases.Select((a, i) => new AliasInfo(a.Name, i, a.Kind, a.IsSingleFact, a.Absent)).ToArray();
        return nodes.Select(n => BindException(n, infos)).OfType<RuleException>().ToArray();
    }

    private RuleException? BindException(SourcedNode node, IReadOnlyList<AliasInfo> aliases)
    {
        var reader = node.Reader;
        if (reader.Mapping(node.Node, "an exception") is not { } mapping)
        {
            return null;
        }
        var reasonNode = NodeReader.Find(mapping, RuleKeys.Reason);
        var reason = reasonNode is null ? null : reader.Text(reasonNode, "reason");
        if (reasonNode is null)
        {
            reader.Error(mapping, DiagnosticCodes.BadException, "an exception needs a reason: say why this case is fine");
        }
        var fields = new YamlMappingNode(mapping.Children.Where(c => c.Key is not YamlScalarNode { Value: RuleKeys.Reason }));
        if (fields.Children.Count == 0)
        {
            reader.Error(mapping, DiagnosticCodes.BadException, "an exception needs at least one field, e.g. conn.destip|cidr: 10.0.0.0/8");
            return null;
        }
        var condition = _conditions.BindMapping(new SourcedNode(reader, fields), new BindingScope(aliases, null));
        if (condition is not null && CountReadFromLater(condition, aliases) is { } count)
        {
            reader.Error(mapping, DiagnosticCodes.BadException,
                $"this exception names count '{count.Name}' and a later alias; an exception on a count may only name it and aliases before it");
            return null;
        }
        return reason is null || condition is null ? null : new RuleException(reason, condition, reader.At(mapping));
    }

    /// <summary>A count alias read by an exception that is tested on a later alias, where the count is a collection.</summary>
    private static AliasInfo? CountReadFromLater(Condition condition, IReadOnlyList<AliasInfo> aliases)
    {
        var read = aliases.Where(a => condition.Aliases.Contains(a.Name)).ToArray();
        var last = read.Max(a => a.Index);
        return read.FirstOrDefault(a => !a.IsSingleFact && a.Index < last);
    }

    private static Suppression? BindSuppression(NodeReader reader, YamlNode node, IReadOnlyList<MatchAlias> aliases)
    {
        if (reader.Mapping(node, "suppress") is not { } mapping)
        {
            return null;
        }
        var entries = reader.Entries(mapping, "suppress", RuleKeys.Suppress).ToDictionary(e => e.Key);
        if (!entries.TryGetValue("for", out var forEntry))
        {
            reader.Error(mapping, DiagnosticCodes.MissingKey, "suppress needs for: (how long, e.g. 1h)");
            return null;
        }
        var duration = DurationReader.Read(reader, forEntry.Value, "suppress for");
        var by = entries.TryGetValue("by", out var byEntry)
            ? NodeReader.Items(byEntry.Value).Select(n => SuppressionField(reader, n, aliases)).ToArray()
            : [];
        return duration is null || by.Any(b => b is null) ? null : new Suppression(by!, duration.Value);
    }

    private static FieldRef? SuppressionField(NodeReader reader, YamlNode node, IReadOnlyList<MatchAlias> aliases)
    {
        if (reader.Text(node, "a suppression field") is not { } text)
        {
            return null;
        }
        var key = FieldKey.Parse(text);
        var alias = key.Alias is null ? (aliases.Count == 1 ? aliases[0] : null) : aliases.FirstOrDefault(a => a.Name == key.Alias);
        if (alias is null || alias.Absent)
        {
            reader.Error(node, DiagnosticCodes.UndefinedAlias, $"'{text}' must name a matched alias and field, e.g. {aliases[0].Name}.pid");
            return null;
        }
        if (alias.Kind.Field(key.Field) is not { } field)
        {
            reader.Error(node, DiagnosticCodes.UnknownField, $"{alias.Kind.Name} has no field '{key.Field}'{Suggestion.For(key.Field, alias.Kind.Fields.Keys)}");
            return null;
        }
        return new FieldRef(alias.Name, field);
    }

    /// <summary>
    /// A later alias with no key linking it to an earlier one pairs every fact of the
    /// host with every other: legal, but rarely meant, and costly in a Rete network.
    /// </summary>
    private static void WarnAboutCartesianJoins(NodeReader reader, IReadOnlyList<MatchAlias> aliases, IReadOnlyList<DeclaredAlias> declared)
    {
        for (var i = 1; i < aliases.Count; i++)
        {
            var alias = aliases[i];
            if (alias.Absent || (alias.Count is not null && alias.After is null && !alias.Condition.Aliases.Any(a => a != alias.Name)))
            {
                continue;
            }
            if (!KeyJoins(alias.Condition).Any())
            {
                var window = alias.Within is null ? "with no window, across the whole session" : $"within {Duration.Format(alias.Within.Value)}";
                reader.Warning(declared[i].Entry.KeyNode, DiagnosticCodes.CartesianJoin,
                    $"'{alias.Name}' has no join key to an earlier alias, so every pair of facts on the host matches {window}; add a key such as pid: {aliases[0].Name}.pid");
            }
        }
    }

    private static IEnumerable<FieldJoin> KeyJoins(Condition condition) => condition switch
    {
        FieldJoin join => [join],
        AllOf all => all.Parts.SelectMany(KeyJoins),
        _ => [],
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex IdPattern();

    private sealed class DeclaredAlias(MappingEntry entry, YamlMappingNode body)
    {
        public MappingEntry Entry { get; } = entry;
        public YamlMappingNode Body { get; } = body;
        public FactKind? Kind { get; set; }
        public MappingEntry? KindEntry { get; set; }
        public Dictionary<string, MappingEntry> Options { get; } = [];
        public AliasInfo Info { get; set; } = null!;
    }
}
