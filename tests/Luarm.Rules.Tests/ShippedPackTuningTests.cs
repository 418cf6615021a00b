using Luarm.Rules.Compilation;
using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model;
using Luarm.Rules.Testing;
using Luarm.Store.Facts;
using Luarm.Testing;

namespace Luarm.Rules.Tests;

/// <summary>
/// The site tuning rules/README.md describes works on the shipped pack: a *.local.yaml
/// overlay beside it fills the site lists, switches rules on, and the pack's own tests
/// then run against the tuned lists.
/// </summary>
public sealed class ShippedPackTuningTests : IDisposable
{
    private static readonly DateTime Base = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly RuleFolder _folder = new();

    public ShippedPackTuningTests()
    {
        // The whole pack with its fixtures, so that its own tests can run from the copy.
        foreach (var file in Directory.GetFiles(RepositoryPaths.Rules, "*", SearchOption.AllDirectories))
        {
            _folder.Write(Path.GetRelativePath(RepositoryPaths.Rules, file), File.ReadAllText(file));
        }
    }

    public void Dispose() => _folder.Dispose();

    private void Overlay(string yaml) => _folder.Write("site.local.yaml", yaml);

    private int AlertsOf(string ruleId, object fact) =>
        RuleTestRunner.Evaluate(CompiledRuleSet.Compile([_folder.LoadRule(ruleId)]), [fact], null).Count;

    private static LoginFact Login(string user) =>
        new() { LoginId = 1, HostId = 1, Username = user, Tty = "pts/0", RemoteHost = "192.0.2.44", Created = Base };

    private static ProcessFact Process(string user, string? login, string command, string arguments = "") =>
        new() { PsEntity = 1, HostId = 1, Username = user, Uid = user == "root" ? 0 : 1000, LoginName = login, Pid = 10, Command = command, Arguments = arguments, Created = Base };

    [Fact]
    public void A_departed_user_appended_in_an_overlay_is_reported_when_they_log_in()
    {
        Assert.Equal(0, AlertsOf("LUARM-ACCT-001", Login("mallory")));
        Overlay("lists:\n  departed_users: {append: [mallory]}\n");
        Assert.Equal(1, AlertsOf("LUARM-ACCT-001", Login("mallory")));
        Assert.Equal(0, AlertsOf("LUARM-ACCT-001", Login("alice")));
    }

    [Fact]
    public void An_administrator_appended_in_an_overlay_may_run_a_scanner()
    {
        var scan = Process("alice", "alice", "nmap", "-sT 10.1.0.0/24");
        Assert.Equal(1, AlertsOf("LUARM-NET-005", scan));
        Overlay("lists:\n  admin_users: {append: [alice]}\n");
        Assert.Equal(0, AlertsOf("LUARM-NET-005", scan));
        Assert.Equal(1, AlertsOf("LUARM-NET-005", Process("bob", "bob", "nmap", "-sT 10.1.0.0/24")));
    }

    [Fact]
    public void The_rule_for_non_administrators_acting_as_root_runs_once_an_overlay_switches_it_on()
    {
        Assert.False(_folder.LoadRule("LUARM-ACCT-003").Enabled);
        Overlay("rules:\n  LUARM-ACCT-003: {enabled: true}\n");
        Assert.True(_folder.LoadRule("LUARM-ACCT-003").Enabled);
        Assert.Equal(1, AlertsOf("LUARM-ACCT-003", Process("root", "dave", "bash", "-i")));
        Assert.Equal(0, AlertsOf("LUARM-ACCT-003", Process("root", "root", "bash", "-i")));
    }

    [Fact]
    public void A_site_exception_from_an_overlay_silences_a_known_good_case_only()
    {
        Overlay("""
            rules:
              LUARM-SVC-001:
                exceptions:
                  - reason: PostgreSQL's archive_command runs through sh
                    proc.username: postgres
                    proc.arguments|contains: pg_wal/
            """);
        Assert.Equal(0, AlertsOf("LUARM-SVC-001", Process("postgres", null, "sh", "-c cp pg_wal/000000010000000000000001 /archive/")));
        Assert.Equal(1, AlertsOf("LUARM-SVC-001", Process("postgres", null, "sh", "-i")));
    }

    [Fact]
    public void Appending_the_sites_administrators_and_leavers_keeps_every_shipped_test_passing()
    {
        // The shipped tests name their suspects mallory, eve and trudy, and their administrator root.
        Overlay("lists:\n  admin_users: {append: [alice, bob, carol]}\n  departed_users: {append: [dave]}\n");
        var loaded = _folder.Load();
        Assert.False(loaded.HasErrors, string.Join('\n', loaded.Errors));
        var failed = RuleTestRunner.Run(loaded.Rules).Where(r => !r.Passed);
        Assert.Empty(failed.Select(r => $"{r.TestName}: {r.Failure}"));
    }

    [Fact]
    public void The_shipped_tests_run_against_the_tuned_lists()
    {
        Overlay("lists:\n  sensitive_trees: [/srv/payroll/]\n");
        var results = RuleTestRunner.RunRule(_folder.LoadRule("LUARM-DATA-001"));
        var failed = Assert.Single(results, r => !r.Passed);
        Assert.Equal("carol copies the HR folder", failed.TestName);
    }

    [Fact]
    public void Severity_can_be_tuned_but_not_a_count_threshold()
    {
        Overlay("rules:\n  LUARM-NET-002: {severity: low}\n");
        Assert.Equal(RuleSeverity.Low, _folder.LoadRule("LUARM-NET-002").Severity);
        Overlay("rules:\n  LUARM-NET-002: {count: {at_least: 5}}\n");
        Assert.Contains(_folder.Load().Errors, e => e.Code == DiagnosticCodes.UnknownKey && e.Message.Contains("'count'", StringComparison.Ordinal));
    }
}
