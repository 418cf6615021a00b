using System.Diagnostics;
using Luarm.Rules.Compilation;
using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model;
using Luarm.Rules.Model.Tests;
using Luarm.Rules.Runtime;
using NRules;

namespace Luarm.Rules.Testing;

/// <summary>
/// Runs the tests of rules: each test gets a fresh session of its rule alone (a
/// disabled rule is tested too), its facts are inserted (sorted by time, or one at
/// a time as listed), the host clock is moved to <c>now</c> when given, the rule
/// fires and the alerts are compared.
/// </summary>
public static class RuleTestRunner
{
    public static IReadOnlyList<RuleTestResult> Run(IEnumerable<DetectionRule> rules) =>
        rules.SelectMany(RunRule).ToArray();

    public static IReadOnlyList<RuleTestResult> RunRule(DetectionRule rule)
    {
        if (rule.Tests.Count == 0)
        {
            return [];
        }
        CompiledRuleSet compiled;
        try
        {
            compiled = CompiledRuleSet.Compile([rule with { Enabled = true }]);
        }
        catch (RuleCompilationException error)
        {
            return rule.Tests.Select(test => new RuleTestResult(rule.Id, test.Name, test.Where, $"the rule does not compile: {error.Message}", TimeSpan.Zero)).ToArray();
        }
        return rule.Tests.Select(test => RunTest(compiled, rule, test)).ToArray();
    }

    public static IReadOnlyList<RuleAlert> Evaluate(CompiledRuleSet compiled, IEnumerable<object> facts, DateTime? now, FactArrival arrival = FactArrival.ByTime)
    {
        var session = compiled.CreateSession();
        var listed = facts.ToArray();
        // The same alert comes back from each firing that adds hits to it: keep it once, as it ends up.
        var alerts = new List<RuleAlert>();
        void Fire() => alerts.AddRange(session.Fire().Where(alert => !alerts.Contains(alert)));
        if (arrival == FactArrival.AsListed)
        {
            foreach (var fact in listed)
            {
                session.Insert([fact]);
                Fire();
            }
        }
        else
        {
            session.Insert(listed.OrderBy(f => (DateTime)FactKind.Of(f.GetType()).Created.Read(f)!).ToArray());
        }
        if (now is { } clock)
        {
            foreach (var host in listed.Select(f => (int)FactKind.Of(f.GetType()).HostId.Read(f)!).Distinct())
            {
                session.AdvanceClock(host, clock);
            }
        }
        Fire();
        return alerts
            .OrderBy(a => a.FirstSeen)
            .ThenBy(a => string.Join(',', a.Evidence), StringComparer.Ordinal)
            .ToArray();
    }

    private static RuleTestResult RunTest(CompiledRuleSet compiled, DetectionRule rule, RuleTestCase test)
    {
        var clock = Stopwatch.StartNew();
        var diagnostics = new DiagnosticBag();
        var facts = test.Facts.Concat(test.Fixtures.SelectMany(f => FixtureFile.Read(f.Path, test.BaseTime, diagnostics))).ToArray();
        if (diagnostics.HasErrors)
        {
            var errors = string.Join('\n', diagnostics.Items.Where(d => d.IsError));
            return new RuleTestResult(rule.Id, test.Name, test.Where, $"the fixture could not be read:\n{errors}", clock.Elapsed);
        }
        try
        {
            var alerts = Evaluate(compiled, facts, test.Now, test.Arrival);
            return new RuleTestResult(rule.Id, test.Name, test.Where, AlertDiff.Compare(test.Expect, alerts), clock.Elapsed);
        }
        catch (RuleExecutionException error)
        {
            return new RuleTestResult(rule.Id, test.Name, test.Where, $"the rule failed while evaluating: {error.InnerException?.Message ?? error.Message}", clock.Elapsed);
        }
    }
}
