using Luarm.Testing;

namespace Luarm.Cli.Tests;

/// <summary>Every command exits with the documented codes: 0 ok, 1 findings, 2 usage, 70 internal error, 78 configuration.</summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-exit-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("rules", "frob")]
    [InlineData("rules", "validate")]
    [InlineData("engine", "--no-such-option")]
    public async Task A_command_line_that_does_not_parse_exits_2(params string[] args)
    {
        var run = await LuarmRun.Of(args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.NotEmpty(run.Error);
    }

    [Fact]
    public async Task A_bad_argument_value_exits_2()
    {
        var run = await LuarmRun.Of("rules", "record", "--host", "x", "--from", "yesterday", "--to", "today", "--out", Path.Combine(_folder.FullName, "x.yaml"));

        Assert.Contains("--from and --to", run.SingleErrorLine(ExitCodes.Usage));
    }

    [Theory]
    [InlineData("x: {a: b\n- c\n", 2)]
    [InlineData("id: [unclosed", 2)]
    public async Task A_rule_file_that_breaks_the_yaml_scanner_is_a_finding_with_its_position(string yaml, int line)
    {
        var rule = Path.Combine(_folder.FullName, "typo.yaml");
        File.WriteAllText(rule, yaml);

        var validate = await LuarmRun.Of("rules", "validate", rule);
        var test = await LuarmRun.Of("rules", "test", rule);

        Assert.Equal(ExitCodes.Findings, validate.ExitCode);
        Assert.Contains($"{rule}:{line}:", validate.Output);
        Assert.Contains("yaml-syntax", validate.Output);
        Assert.Equal(ExitCodes.Findings, test.ExitCode);
        Assert.Contains($"{rule}:{line}:", test.Output);
        Assert.Empty(validate.Error + test.Error);
    }

    [Fact]
    public async Task An_unexpected_exception_is_one_line_and_exit_70()
    {
        var junit = Path.Combine(_folder.FullName, "no-such-folder", "rules.xml");

        var run = await LuarmRun.Of("rules", "test", RepositoryPaths.Rules, "--junit", junit);

        var line = run.SingleErrorLine(ExitCodes.Internal);
        Assert.StartsWith("luarm: internal error: rules test failed: DirectoryNotFoundException: ", line);
        Assert.Contains("--verbose", line);
    }

    [Fact]
    public async Task Verbose_adds_the_stack_trace()
    {
        var junit = Path.Combine(_folder.FullName, "no-such-folder", "rules.xml");

        var run = await LuarmRun.Of("--verbose", "rules", "test", RepositoryPaths.Rules, "--junit", junit);

        Assert.Equal(ExitCodes.Internal, run.ExitCode);
        Assert.StartsWith("luarm: internal error: rules test failed: DirectoryNotFoundException: ", run.Error);
        Assert.Contains("   at ", run.Error);
    }

    [Fact]
    public async Task A_missing_config_file_exits_78()
    {
        var run = await LuarmRun.Of("engine", "--check-config", "--config", Path.Combine(_folder.FullName, "nope.yaml"));

        Assert.Contains("no such config file", run.SingleErrorLine(ExitCodes.Config));
    }
}
