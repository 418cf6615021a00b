using Luarm.Rules.Diagnostics;
using Luarm.Rules.Model;
using Luarm.Rules.Testing;
using Luarm.Testing;

namespace Luarm.Rules.Tests;

/// <summary>Local overlay files (*.local.yaml) replace or extend the shipped lists, macros and rules.</summary>
public sealed class OverlayTests : IDisposable
{
    private readonly RuleFolder _folder = new RuleFolder().WithShippedLibrary();

    private static readonly DateTime Base = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public OverlayTests() => File.Copy(Path.Combine(RepositoryPaths.Rules, "irc-bot.yaml"), Path.Combine(_folder.Path, "irc-bot.yaml"));

    public void Dispose() => _folder.Dispose();

    private DetectionRule IrcRule()
    {
        var result = _folder.Load();
        Assert.False(result.HasErrors, string.Join('\n', result.Errors));
        return Assert.Single(result.Rules, r => r.Id == "LUARM-IRC-001");
    }

    private static int AlertsFor(DetectionRule rule, string user, int port, string ip = "192.0.2.9")
    {
        var facts = new object[]
        {
            new Store.Facts.ProcessFact { PsEntity = 1, HostId = 1, Username = user, Pid = 10, Command = "/usr/bin/perl", Cwd = "/tmp", Created = Base },
            new Store.Facts.EndpointFact { EndpointInfo = 1, HostId = 1, Pid = 10, DestIp = ip, DestPort = port, Created = Base.AddSeconds(30) },
        };
        return RuleTestRunner.Evaluate(Compilation.CompiledRuleSet.Compile([rule]), facts, null).Count;
    }

    [Fact]
    public void An_overlay_appends_to_a_shipped_list()
    {
        Assert.Equal(0, AlertsFor(IrcRule(), "gitlab-runner", 6667));
        _folder.Write("site.local.yaml", "lists:\n  daemon_users: {append: [gitlab-runner]}\n");
        Assert.Equal(1, AlertsFor(IrcRule(), "gitlab-runner", 6667));
        Assert.Equal(1, AlertsFor(IrcRule(), "nobody", 6667));
    }

    [Fact]
    public void An_overlay_replaces_a_shipped_list()
    {
        _folder.Write("site.local.yaml", "lists:\n  irc_ports: [6667]\n");
        var rule = IrcRule();
        Assert.Equal(1, AlertsFor(rule, "nobody", 6667));
        Assert.Equal(0, AlertsFor(rule, "nobody", 6670));
    }

    [Fact]
    public void An_overlay_adds_exceptions_and_tunes_a_rule()
    {
        _folder.Write("site.local.yaml", """
            rules:
              LUARM-IRC-001:
                severity: medium
                exceptions:
                  - reason: our own bouncer
                    conn.destip: 192.0.2.9
            """);
        var rule = IrcRule();
        Assert.Equal(RuleSeverity.Medium, rule.Severity);
        Assert.Equal(["internal IRC bridge run by ops", "our own bouncer"], rule.Exceptions.Select(e => e.Reason));
        Assert.Equal(0, AlertsFor(rule, "nobody", 6667, ip: "192.0.2.9"));
        Assert.Equal(1, AlertsFor(rule, "nobody", 6667, ip: "192.0.2.10"));
    }

    [Fact]
    public void An_overlay_disables_a_rule_so_it_is_not_compiled()
    {
        _folder.Write("site.local.yaml", "rules:\n  LUARM-IRC-001: {enabled: false}\n");
        var rule = IrcRule();
        Assert.False(rule.Enabled);
        Assert.Empty(Compilation.CompiledRuleSet.Compile([rule]).Rules);
    }

    [Fact]
    public void An_overlay_replaces_a_macro()
    {
        _folder.Write("site.local.yaml", "macros:\n  runs_from_world_writable: {cwd: /srv/untrusted}\n");
        Assert.Equal(0, AlertsFor(IrcRule(), "nobody", 6667));
    }

    [Fact]
    public void Overlays_apply_after_shipped_files_whatever_their_names()
    {
        _folder.Write("0-first.local.yaml", "lists:\n  daemon_users: [only-me]\n");
        Assert.Equal(0, AlertsFor(IrcRule(), "nobody", 6667));
    }

    [Fact]
    public void Shipped_files_cannot_define_a_list_twice_or_append()
    {
        _folder.Write("more-lists.yaml", "lists:\n  irc_ports: [1]\n  interpreters: {append: [awk]}\n");
        var codes = _folder.Load().Errors.Select(e => e.Code).ToArray();
        Assert.Equal([DiagnosticCodes.DuplicateList, DiagnosticCodes.WrongShape], codes);
    }

    [Fact]
    public void Tuning_an_unknown_rule_is_a_warning()
    {
        _folder.Write("site.local.yaml", "rules:\n  LUARM-IRC-01: {enabled: false}\n");
        var warning = Assert.Single(_folder.Load().Warnings);
        Assert.Equal(DiagnosticCodes.UnknownRule, warning.Code);
        Assert.Contains("LUARM-IRC-001", warning.Message);
    }
}
