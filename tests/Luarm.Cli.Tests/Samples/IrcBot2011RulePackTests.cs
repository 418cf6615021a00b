using System.Text.RegularExpressions;
using Luarm.Rules.Compilation;
using Luarm.Rules.Loading;
using Luarm.Rules.Model;
using Luarm.Rules.Runtime;
using Luarm.Rules.Testing;
using Luarm.Samples.IrcBot2011;
using Luarm.Testing;

namespace Luarm.Cli.Tests.Samples;

/// <summary>
/// The shipped rule pack over the sample, as samples/irc-bot-2011/README.md
/// tells it: the two Perl bots are caught by their pid (the IRC rule, and the
/// rule for interpreters running scripts from /tmp), the reconnecting
/// processes by their count, and the ordinary activity raises nothing.
/// </summary>
public sealed partial class IrcBot2011RulePackTests
{
    private static readonly IReadOnlyList<DetectionRule> Pack = LoadPack();

    [Fact]
    public void The_shipped_rules_find_the_bots_and_nothing_in_the_ordinary_activity()
    {
        var alerts = Evaluate(Pack.Where(rule => rule.Enabled));

        Assert.Equal(["LUARM-EXEC-002", "LUARM-IRC-001", "LUARM-IRC-002"], alerts.Select(a => a.RuleId).Distinct().Order(StringComparer.Ordinal));
        // The interpreter rule sees the same two bots: Perl running a script from /tmp.
        Assert.Equal([9253, 29312], PidsOf(alerts, "LUARM-EXEC-002"));
        Assert.Equal([9253, 29312], PidsOf(alerts, "LUARM-IRC-001"));
        Assert.Equal([7371, 9253, 21995, 29312], PidsOf(alerts, "LUARM-IRC-002"));
        var bot = alerts.Single(a => a.RuleId == "LUARM-IRC-001" && a.Message.Contains("(pid 29312,", StringComparison.Ordinal));
        Assert.Equal(BotActivity.BotConnectionsOn6670, bot.HitCount);
    }

    [Fact]
    public void Switched_on_the_backup_rule_finds_every_night_backed_up()
    {
        var backup = Pack.Single(rule => rule.Id == "LUARM-BACKUP-001");

        var alerts = Evaluate([backup with { Enabled = true }]);

        Assert.Empty(alerts);
    }

    private static IReadOnlyList<RuleAlert> Evaluate(IEnumerable<DetectionRule> rules) =>
        RuleTestRunner.Evaluate(CompiledRuleSet.Compile(rules), IrcBot2011Sample.Rows(), IrcBot2011Sample.End);

    private static int[] PidsOf(IEnumerable<RuleAlert> alerts, string ruleId) =>
        [.. alerts.Where(a => a.RuleId == ruleId).Select(a => int.Parse(PidInMessage().Match(a.Message).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order()];

    private static IReadOnlyList<DetectionRule> LoadPack()
    {
        var loaded = RuleSetLoader.Load([Path.Combine(RepositoryPaths.Root, "rules")]);
        Assert.False(loaded.HasErrors, string.Join('\n', loaded.Errors));
        return loaded.Rules;
    }

    [GeneratedRegex(@"\(pid (\d+)[,)]")]
    private static partial Regex PidInMessage();
}
