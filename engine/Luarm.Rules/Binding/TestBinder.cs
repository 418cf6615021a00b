using System.Globalization;
using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model;
using Luarm.Rules.Model.Tests;
using Luarm.Rules.Parsing;
using Luarm.Rules.Testing;
using Luarm.Rules.Yaml;
using Luarm.Store.Alerts;
using YamlDotNet.RepresentationModel;

namespace Luarm.Rules.Binding;

/// <summary>Binds a rule's <c>tests:</c>: inline rows, fixture paths, base and clock times, and expectations.</summary>
public static class TestBinder
{
    /// <summary>The base time of tests that give none: relative times (+30s) count from it.</summary>
    public static readonly DateTime DefaultBase = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static IReadOnlyList<RuleTestCase> Bind(NodeReader reader, YamlNode node)
    {
        if (reader.Sequence(node, "tests") is not { } sequence)
        {
            return [];
        }
        return sequence.Children.Select(t => BindTest(reader, t)).OfType<RuleTestCase>().ToArray();
    }

    private static RuleTestCase? BindTest(NodeReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "a test") is not { } mapping)
        {
            return null;
        }
        var entries = reader.Entries(mapping, "a test", RuleKeys.Test).ToDictionary(e => e.Key);
        var name = entries.TryGetValue("name", out var nameEntry) ? reader.Text(nameEntry.Value, "a test's name") : null;
        if (name is null)
        {
            reader.Error(mapping, DiagnosticCodes.MissingKey, "a test needs a name");
        }
        var baseTime = entries.TryGetValue("base", out var baseEntry) ? Time(reader, baseEntry.Value, DefaultBase) : DefaultBase;
        DateTime? now = entries.TryGetValue("now", out var nowEntry) ? Time(reader, nowEntry.Value, baseTime ?? DefaultBase) : null;
        var facts = entries.TryGetValue("facts", out var factsEntry) ? Facts(reader, factsEntry.Value, baseTime ?? DefaultBase) : [];
        var fixtures = entries.TryGetValue("fixture", out var fixtureEntry) ? Fixtures(reader, fixtureEntry.Value) : [];
        var arrival = entries.TryGetValue("arrival", out var arrivalEntry) ? Arrival(reader, arrivalEntry.Value) : FactArrival.ByTime;
        if (factsEntry is null && fixtureEntry is null)
        {
            reader.Error(mapping, DiagnosticCodes.MissingKey, "a test needs facts: (inline rows) or fixture: (a recorded file)");
        }
        TestExpectation? expect = null;
        if (!entries.TryGetValue("expect", out var expectEntry))
        {
            reader.Error(mapping, DiagnosticCodes.MissingKey, "a test needs expect: (e.g. alerts: 0 for a negative case)");
        }
        else
        {
            expect = Expectation(reader, expectEntry.Value);
        }
        return name is null || baseTime is null || expect is null || arrival is null ? null
            : new RuleTestCase(name, facts, fixtures, baseTime.Value, now, expect, reader.At(mapping)) { Arrival = arrival.Value };
    }

    /// <summary><c>arrival: by-time</c> (the default) or <c>as-listed</c>.</summary>
    private static FactArrival? Arrival(NodeReader reader, YamlNode node)
    {
        switch (reader.Text(node, "arrival"))
        {
            case null:
                return null;
            case "by-time":
                return FactArrival.ByTime;
            case "as-listed":
                return FactArrival.AsListed;
            case var text:
                reader.Error(node, DiagnosticCodes.BadTest, $"'{text}' is not an arrival: write by-time (sorted by created, the default) or as-listed (one at a time, in the order written)");
                return null;
        }
    }

    private static DateTime? Time(NodeReader reader, YamlNode node, DateTime baseTime)
    {
        if (reader.Text(node, "a time") is not { } text)
        {
            return null;
        }
        if (FactRowBinder.Time(text, baseTime) is { } time)
        {
            return time;
        }
        reader.Error(node, DiagnosticCodes.BadTest, $"'{text}' is not a time: write an absolute UTC time (2011-02-05T07:11:00Z) or +30s from the base");
        return null;
    }

    private static IReadOnlyList<object> Facts(NodeReader reader, YamlNode node, DateTime baseTime)
    {
        if (reader.Sequence(node, "facts") is not { } rows)
        {
            return [];
        }
        var facts = rows.Children
            .Select(r => FixtureRow.FromYaml(reader, r)?.Bind(baseTime, reader.Diagnostics))
            .OfType<object>()
            .ToList();
        FactIds.AssignMissing(facts);
        return facts;
    }

    private static IReadOnlyList<FixtureReference> Fixtures(NodeReader reader, YamlNode node)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(reader.File)) ?? ".";
        return NodeReader.Items(node)
            .Select(n => reader.Text(n, "a fixture path") is { } path ? new FixtureReference(Path.GetFullPath(Path.Combine(folder, path)), reader.At(n)) : null)
            .OfType<FixtureReference>()
            .ToArray();
    }

    private static TestExpectation? Expectation(NodeReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "expect") is not { } mapping)
        {
            return null;
        }
        var alerts = reader.Entries(mapping, "expect", RuleKeys.Expect).FirstOrDefault();
        if (alerts is null)
        {
            reader.Error(mapping, DiagnosticCodes.MissingKey, "expect needs alerts: a number, or a list of the expected alerts");
            return null;
        }
        if (alerts.Value is YamlScalarNode scalar)
        {
            return int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                ? new TestExpectation(count, [])
                : Refuse(reader, alerts.Value, $"alerts: must be a number of alerts, or a list of the expected alerts");
        }
        if (reader.Sequence(alerts.Value, "alerts") is not { } list)
        {
            return null;
        }
        var expected = list.Children.Select(a => ExpectedAlert(reader, a)).ToArray();
        return expected.Any(e => e is null) ? null : new TestExpectation(expected.Length, expected!);
    }

    private static ExpectedAlert? ExpectedAlert(NodeReader reader, YamlNode node)
    {
        if (reader.Mapping(node, "an expected alert") is not { } mapping)
        {
            return null;
        }
        IReadOnlyList<Evidence>? evidence = null;
        string? output = null;
        int? hits = null;
        var ok = true;
        foreach (var entry in reader.Entries(mapping, "an expected alert", RuleKeys.ExpectedAlert))
        {
            switch (entry.Key)
            {
                case "evidence":
                    evidence = EvidenceList(reader, entry.Value);
                    ok &= evidence is not null;
                    break;
                case "output":
                    output = reader.Text(entry.Value, "output");
                    ok &= output is not null;
                    break;
                default:
                    hits = reader.PositiveInt(entry.Value, "hits");
                    ok &= hits is not null;
                    break;
            }
        }
        return ok ? new ExpectedAlert(evidence, output?.Trim(), hits, reader.At(mapping)) : null;
    }

    /// <summary>Evidence as <c>table:id</c> (psinfo:1) or <c>kind:id</c> (process:1).</summary>
    private static IReadOnlyList<Evidence>? EvidenceList(NodeReader reader, YamlNode node)
    {
        var evidence = new List<Evidence>();
        foreach (var item in NodeReader.Items(node))
        {
            var text = reader.Text(item, "evidence");
            var colon = text?.LastIndexOf(':') ?? -1;
            if (text is not null && colon > 0 && FactKind.Find(text[..colon]) is { } kind
                && long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                evidence.Add(new Evidence(kind.Table.Name, id));
            }
            else if (text is not null)
            {
                reader.Error(item, DiagnosticCodes.BadTest, $"'{text}' is not evidence like psinfo:1 or netinfo:42");
                return null;
            }
        }
        return evidence;
    }

    private static TestExpectation? Refuse(NodeReader reader, YamlNode node, DiagnosticMessage message)
    {
        reader.Error(node, DiagnosticCodes.BadTest, message);
        return null;
    }
}
