using System.Text.RegularExpressions;
using Luarm.Rules.Loading;
using Luarm.Rules.Testing;
using Luarm.Testing;

namespace Luarm.Rules.Tests;

/// <summary>The shipped pack under rules/ loads without errors and every test it carries passes.</summary>
public sealed class ShippedRulePackTests
{
    private static readonly Lazy<RuleLoadResult> Pack = new(() => RuleSetLoader.Load(RepositoryPaths.Rules));

    public static TheoryData<string, string> RuleTests()
    {
        var data = new TheoryData<string, string>();
        foreach (var rule in Pack.Value.Rules)
        {
            foreach (var test in rule.Tests)
            {
                data.Add(rule.Id, test.Name);
            }
        }
        return data;
    }

    [Fact]
    public void The_pack_loads_without_errors_or_warnings()
    {
        Assert.Empty(Pack.Value.Diagnostics.Select(d => d.ToString()));
        Assert.NotEmpty(Pack.Value.Rules);
    }

    [Theory]
    [MemberData(nameof(RuleTests))]
    public void Rule_test_passes(string ruleId, string testName)
    {
        var rule = Pack.Value.Rules.Single(r => r.Id == ruleId);
        var result = RuleTestRunner.RunRule(rule).Single(r => r.TestName == testName);
        Assert.True(result.Passed, $"{result.Where} {ruleId} '{testName}':\n{result.Failure}");
    }

    [Fact]
    public void Every_rule_of_the_pack_has_a_positive_and_a_negative_test()
    {
        foreach (var rule in Pack.Value.Rules)
        {
            Assert.Contains(rule.Tests, t => t.Expect.AlertCount > 0);
            Assert.Contains(rule.Tests, t => t.Expect.AlertCount == 0);
        }
    }

    [Fact]
    public void Every_rule_of_the_pack_tells_the_analyst_what_to_check_and_names_its_attack_techniques()
    {
        foreach (var rule in Pack.Value.Rules)
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Description), $"{rule.Id} has no description");
            Assert.Contains(rule.Tags, t => Regex.IsMatch(t, @"^attack\.t\d{4}(\.\d{3})?$"));
        }
    }
}
