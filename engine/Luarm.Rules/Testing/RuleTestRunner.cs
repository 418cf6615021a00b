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
/// disabled rule is tested too), its facts are inserted, the host clock is moved
/// to <c>now</c> when given, the rule fires once and the alerts are compared.
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

    public static IReadOnlyList<RuleAlert> Evaluate(CompiledRuleSet compiled, IEnumerable<object> facts, DateTime? now)
    {
        var session = compiled.CreateSession();
        var ordered = facts.OrderBy(f => (DateTime)FactKind.Of(f.GetType()).Created.Read(f)!).ToArray();
        session.Insert(ordered);
        if (now is { } clock)
        {
            foreach (var host in ordered.Select(f => (int)FactKind.Of(f.GetType()).HostId.Read(f)!).Distinct())
            {
                session.AdvanceClock(host, clock);
            }
        }
        return session.Fire()
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
            var alerts = Evaluate(compiled, facts, test.Now);
            return new RuleTestResult(rule.Id, test.Name, test.Where, AlertDiff.Compare(test.Expect, alerts), clock.Elapsed);
        }
        catch (RuleExecutionException error)
        {
            return new RuleTestResult(rule.Id, test.Name, test.Where, $"the rule failed while evaluating: {error.InnerException?.Message ?? error.Message}", clock.Elapsed);
        }
    }
}
