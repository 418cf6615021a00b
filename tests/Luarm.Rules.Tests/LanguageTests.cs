using System.Xml.Linq;
using Luarm.Rules.Testing;

namespace Luarm.Rules.Tests;

/// <summary>
/// Each construct of the language, written as a rule file with its own tests, as an
/// author would; the runner must pass exactly the tests that describe the semantics.
/// </summary>
public sealed class LanguageTests : IDisposable
{
    private readonly RuleFolder _folder = new RuleFolder().WithShippedLibrary();

    public void Dispose() => _folder.Dispose();

    private IReadOnlyList<RuleTestResult> Run(string yaml) => _folder.RunPassingTests(yaml);

    [Fact]
    public void Modifiers_groups_and_exists()
    {
        var results = Run("""
            id: T-MODIFIERS
            title: modifiers
            severity: info
            match:
              p:
                process:
                  command|endswith: [/nc, /ncat, /netcat]
                  arguments|contains|all: [-e, /bin/sh]
                  any:
                    ppid|gte: 1000
                    username|re: '^svc[-_]'
                  not: [{cwd: /root}, {cwd|startswith: /home/admin}]
                  exe|exists: true
                  destroyed|exists: false
            tests:
              - name: every part holds
                facts: [{process: {command: /usr/bin/NC, arguments: "-l -e /bin/sh", ppid: 4000, cwd: /tmp, exe: /usr/bin/nc}}]
                expect: {alerts: 1}
              - name: any holds through its second branch
                facts: [{process: {command: /usr/bin/nc, arguments: "-e /bin/sh", ppid: 1, username: SVC_web, cwd: /tmp, exe: /usr/bin/nc}}]
                expect: {alerts: 1}
              - name: all needs every value
                facts: [{process: {command: /usr/bin/nc, arguments: "-e /bin/bash", ppid: 4000, cwd: /tmp, exe: /usr/bin/nc}}]
                expect: {alerts: 0}
              - name: a not branch excludes it
                facts: [{process: {command: /usr/bin/nc, arguments: "-e /bin/sh", ppid: 4000, cwd: /home/admin/x, exe: /usr/bin/nc}}]
                expect: {alerts: 0}
              - name: a missing exe fails exists
                facts: [{process: {command: /usr/bin/nc, arguments: "-e /bin/sh", ppid: 4000, cwd: /tmp}}]
                expect: {alerts: 0}
              - name: an ended process fails destroyed|exists false
                facts: [{process: {command: /usr/bin/nc, arguments: "-e /bin/sh", ppid: 4000, cwd: /tmp, exe: /usr/bin/nc, destroyed: "+1s"}}]
                expect: {alerts: 0}
            """);
        Assert.Equal(6, results.Count);
    }

    [Fact]
    public void A_window_without_after_reaches_both_ways_from_the_first_alias()
    {
        Run("""
            id: T-NEAR
            title: near in time
            severity: low
            match:
              proc:
                process: {command|basename: scp}
              file:
                file: {pid: proc.pid, filename|startswith: /media/}
                within: 1m
            tests:
              - name: a file a minute before
                facts:
                  - process: {pid: 5, command: /usr/bin/scp, at: "+1m"}
                  - file: {pid: 5, filename: /media/usb/a, at: "+0s"}
                expect: {alerts: 1}
              - name: a file more than a minute after
                facts:
                  - process: {pid: 5, command: /usr/bin/scp, at: "+0s"}
                  - file: {pid: 5, filename: /media/usb/a, at: "+61s"}
                expect: {alerts: 0}
            """);
    }

    [Fact]
    public void A_count_joined_to_an_earlier_alias_counts_in_its_window()
    {
        Run("""
            id: T-JOINED-COUNT
            title: a shell that opens many files
            severity: low
            match:
              shell:
                process: {command|basename|in: [bash, sh]}
              reads:
                file: {pid: shell.pid, accesstype: read}
                after: shell
                within: 1m
                count: {at_least: 3}
            output: "{shell.command} (pid {shell.pid}) read {reads.count} files, first {reads.filename}"
            tests:
              - name: three reads within the minute
                facts:
                  - process: {pid: 9, command: /bin/bash, at: "+0s"}
                  - file: {pid: 9, accesstype: read, filename: /etc/b, at: "+20s"}
                  - file: {pid: 9, accesstype: read, filename: /etc/a, at: "+10s"}
                  - file: {pid: 9, accesstype: read, filename: /etc/c, at: "+60s"}
                  - file: {pid: 9, accesstype: read, filename: /etc/d, at: "+61s"}
                expect:
                  alerts:
                    - evidence: [psinfo:1, fileinfo:1, fileinfo:2, fileinfo:3]
                      output: "/bin/bash (pid 9) read 3 files, first /etc/a"
              - name: reads of another process do not count
                facts:
                  - process: {pid: 9, command: /bin/bash, at: "+0s"}
                  - file: {pid: 9, accesstype: read, filename: /etc/a, at: "+10s"}
                  - file: {pid: 9, accesstype: read, filename: /etc/b, at: "+20s"}
                  - file: {pid: 10, accesstype: read, filename: /etc/c, at: "+30s"}
                expect: {alerts: 0}
            """);
    }

    [Fact]
    public void An_absence_every_period_is_judged_in_windows_aligned_to_midnight()
    {
        var results = Run("""
            id: T-EVERY
            title: the scanner did not run
            severity: low
            match:
              scan:
                process: {command|basename: clamscan}
                absent: true
                schedule: {every: 6h}
            output: "no scan on host {window.hostid} from {window.start} to {window.end}"
            tests:
              - name: a scan in every period, the edges included at the start
                facts:
                  - process: {command: /usr/sbin/cron, at: "+0s"}
                  - process: {command: /usr/bin/clamscan, at: "+5h59m"}
                  - process: {command: /usr/bin/clamscan, at: "+6h"}
                  - process: {command: /usr/bin/clamscan, at: "+17h"}
                now: "+18h"
                expect: {alerts: 0}
              - name: scans under 6h apart can still leave a period without one
                facts:
                  - process: {command: /usr/sbin/cron, at: "+0s"}
                  - process: {command: /usr/bin/clamscan, at: "+5h"}
                  - process: {command: /usr/bin/clamscan, at: "+12h30m"}
                now: "+18h"
                expect:
                  alerts:
                    - evidence: []
                      output: "no scan on host 1 from 2024-01-01 06:00:00.000000 to 2024-01-01 12:00:00.000000"
            """);
        Assert.Equal(2, results.Count);
    }

    [Fact]
    public void A_daily_window_may_cross_midnight()
    {
        Run("""
            id: T-NIGHT
            title: no backup overnight
            severity: low
            match:
              backup:
                process: {command|basename|in: $backup_tools}
                absent: true
                schedule: {between: "22:00-02:00"}
            output: "{window.start} - {window.end}"
            tests:
              - name: the first night's backup after midnight counts, the second night has none
                facts:
                  - process: {command: /usr/sbin/cron, at: "+0s"}
                  - process: {command: /usr/bin/restic, at: "+1d1h"}
                now: "+2d2h"
                expect:
                  alerts:
                    - output: "2024-01-02 22:00:00.000000 - 2024-01-03 02:00:00.000000"
            """);
    }

    [Fact]
    public void Missed_windows_of_a_host_fold_under_suppression()
    {
        Run("""
            id: T-FOLD
            title: no backup, once a week
            severity: low
            match:
              backup:
                process: {command|basename|in: $backup_tools}
                absent: true
                schedule: {between: "01:00-03:00"}
            suppress: {for: 7d}
            output: "no backup since {window.start}"
            tests:
              - name: three missed nights make one alert with three hits
                facts:
                  - process: {command: /usr/sbin/cron, at: "+0s"}
                now: "+2d4h"
                expect:
                  alerts:
                    - output: "no backup since 2024-01-01 01:00:00.000000"
                      hits: 3
            """);
    }

    [Fact]
    public void A_failing_test_explains_itself_as_a_diff()
    {
        _folder.Write("rule.yaml", """
            id: T-DIFF
            title: diff
            severity: low
            match:
              p:
                process: {username: mallory}
            output: "{p.username} ran {p.command}"
            tests:
              - name: wrong expectations
                facts:
                  - process: {username: mallory, command: /bin/ls}
                  - process: {username: mallory, command: /bin/cat, at: "+1s"}
                expect:
                  alerts:
                    - output: mallory ran /bin/ls
                      hits: 2
              - name: right expectations
                facts: [{process: {username: bob}}]
                expect: {alerts: 0}
            """);
        var results = RuleTestRunner.Run(_folder.Load().Rules);
        Assert.Equal([false, true], results.Select(r => r.Passed));
        Assert.Equal(
            """
            expected 1 alert, got 2
            - alert 1: hits 2, output "mallory ran /bin/ls"
            + alert 1: evidence [psinfo:1], hits 1, output "mallory ran /bin/ls"
            + alert 2: evidence [psinfo:2], hits 1, output "mallory ran /bin/cat"
            """.ReplaceLineEndings("\n"),
            results[0].Failure);
        var junit = JUnitReport.Build(results);
        var suite = Assert.Single(junit.Root!.Elements("testsuite"));
        Assert.Equal(("T-DIFF", "2", "1"), ((string)suite.Attribute("name")!, (string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!));
        var failure = Assert.Single(suite.Elements("testcase").Elements("failure"));
        Assert.Equal("expected 1 alert, got 2", (string)failure.Attribute("message")!);
    }

    [Fact]
    public void Bad_fixture_rows_are_reported_with_their_position()
    {
        _folder.Write("fixtures/rows.jsonl", "{\"table\":\"psinfo\",\"pid\":\"x\"}\nnot json\n{\"table\":\"nope\"}\n");
        _folder.Write("rule.yaml", """
            id: T-FIXTURE
            title: fixture
            severity: low
            match:
              p:
                process: {username: mallory}
            tests:
              - name: broken fixture
                fixture: fixtures/rows.jsonl
                expect: {alerts: 0}
            """);
        var result = Assert.Single(RuleTestRunner.Run(_folder.Load().Rules));
        Assert.False(result.Passed);
        Assert.Contains("rows.jsonl:1:1: error bad-row", result.Failure);
        Assert.Matches(@"rows\.jsonl:2:[0-9]+: error bad-row: not valid JSON", result.Failure);
        Assert.Contains("rows.jsonl:3:1: error bad-row", result.Failure);
    }

    [Fact]
    public void A_process_joins_the_login_it_came_from_by_audit_session_and_login_name()
    {
        _folder.Write("fixtures/su-after-ssh.jsonl", """
            {"table":"logins","loginid":1,"hostid":1,"username":"alice","uid":1001,"tty":"pts/0","remotehost":"10.0.0.9","sessionid":7,"pid":4100,"created":"2026-03-01 09:00:00.000000","destroyed":null}
            {"table":"psinfo","psentity":1,"hostid":1,"username":"alice","uid":1001,"pid":4101,"ppid":4100,"command":"-bash","arguments":"","loginuid":1001,"loginname":"alice","sessionid":7,"created":"2026-03-01 09:00:01.000000","destroyed":null}
            {"table":"psinfo","psentity":2,"hostid":1,"username":"root","uid":0,"pid":4200,"ppid":4199,"command":"bash","arguments":"","loginuid":1001,"loginname":"alice","sessionid":7,"created":"2026-03-01 09:05:00.000000","destroyed":null}
            {"table":"psinfo","psentity":3,"hostid":1,"username":"root","uid":0,"pid":4300,"ppid":1,"command":"/usr/sbin/cron","arguments":"-f","loginuid":null,"loginname":null,"sessionid":null,"created":"2026-03-01 09:06:00.000000","destroyed":null}
            """);
        var results = Run("""
            id: T-LOGIN
            title: root's process traced to a remote login
            severity: high
            match:
              login:
                login:
                  remotehost|exists: true
              proc:
                process:
                  username: root
                  sessionid: login.sessionid
                  loginname: login.username
            output: "{proc.command} as root in {login.username}'s session from {login.remotehost} on {login.tty}"
            tests:
              - name: su to root after an ssh login, recorded
                fixture: fixtures/su-after-ssh.jsonl
                expect:
                  alerts:
                    - evidence: [logins:1, psinfo:2]
                      output: "bash as root in alice's session from 10.0.0.9 on pts/0"
              - name: a root process of another session does not join
                facts:
                  - login: {username: alice, tty: pts/0, remotehost: 10.0.0.9, sessionid: 7, pid: 4100}
                  - process: {username: root, command: bash, loginname: alice, sessionid: 8}
                expect: {alerts: 0}
              - name: the same session under another login name does not match
                facts:
                  - logins: {username: alice, tty: pts/0, remotehost: 10.0.0.9, sessionid: 7, pid: 4100}
                  - psinfo: {username: root, command: bash, loginname: mallory, sessionid: 7}
                expect: {alerts: 0}
              - name: a local login is out of scope
                facts:
                  - login: {username: alice, tty: tty1, sessionid: 7, pid: 4100}
                  - process: {username: root, command: bash, loginname: alice, sessionid: 7}
                expect: {alerts: 0}
            """);
        Assert.Equal(4, results.Count);
    }
}
