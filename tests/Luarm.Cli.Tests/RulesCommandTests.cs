using System.Text.Json;
using System.Xml.Linq;
using Luarm.Testing;

namespace Luarm.Cli.Tests;

public sealed class RulesCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-rules-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task The_shipped_pack_validates_and_its_tests_pass_with_a_junit_report()
    {
        var junit = Path.Combine(_folder.FullName, "rules.xml");

        var validate = await LuarmRun.Of("rules", "validate", RepositoryPaths.Rules);
        var test = await LuarmRun.Of("rules", "test", RepositoryPaths.Rules, "--junit", junit);

        Assert.Equal(0, validate.ExitCode);
        Assert.Equal(0, test.ExitCode);
        Assert.Contains("LUARM-IRC-001", test.Output);
        var suites = XDocument.Load(junit).Descendants("testcase").ToArray();
        Assert.Contains(suites, s => ((string?)s.Attribute("name"))?.Contains("the 2011 bot", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(suites, s => s.Element("failure") is not null);
    }

    [Fact]
    public async Task A_broken_rule_is_named_by_file_line_and_column_in_text_and_json()
    {
        var rule = Path.Combine(_folder.FullName, "broken.yaml");
        File.WriteAllText(rule, "id: BROKEN-1\ntitle: t\nseverity: high\nmatch:\n  p:\n    process:\n      usernme: nobody\n");

        var text = await LuarmRun.Of("rules", "validate", rule);
        var json = await LuarmRun.Of("rules", "validate", rule, "--format", "json");

        Assert.Equal(ExitCodes.Findings, text.ExitCode);
        Assert.Contains($"{rule}:7:7", text.Output + text.Error);
        Assert.Contains("usernme", text.Output + text.Error);
        Assert.Contains("    |       usernme: nobody\n    |       ^\n", text.Output.ReplaceLineEndings("\n"));
        Assert.Equal(1, json.ExitCode);
        using var parsed = JsonDocument.Parse(json.Output);
        Assert.Contains("usernme", parsed.RootElement.ToString());
    }

    [Fact]
    public async Task A_failing_rule_test_exits_non_zero_and_says_which()
    {
        var rule = Path.Combine(_folder.FullName, "wrong-expectation.yaml");
        File.WriteAllText(rule, """
            id: TEST-1
            title: root runs a shell
            severity: low
            match:
              p:
                process:
                  username: root
                  command|basename: bash
            output: "{p.username} ran {p.command}"
            tests:
              - name: expects nothing but gets an alert
                facts:
                  - process: {username: root, pid: 1, command: /bin/bash, at: "+0s"}
                expect:
                  alerts: 0
            """);

        var run = await LuarmRun.Of("rules", "test", rule);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("expects nothing but gets an alert", run.Output);
        Assert.Contains("FAIL", run.Output);
    }
}
