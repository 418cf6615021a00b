namespace Luarm.Rules.Tests;

/// <summary>
/// <c>arrival: as-listed</c> on a rule test: facts reach the rule one at a time in the
/// order written, firing after each, instead of sorted by time. Each rule below carries
/// the same facts twice, once per arrival, so the tests pass only if arrival makes the
/// difference they describe (or, where the engine promises it, none).
/// </summary>
public sealed class ArrivalTests : IDisposable
{
    private readonly RuleFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_late_scan_cannot_undo_an_absence_concluded_when_a_newer_fact_moved_the_clock()
    {
        _folder.RunPassingTests("""
            id: T-NO-SCAN
            title: a USB stick that was not scanned
            severity: low
            match:
              usb:
                device: {devbus: usb}
              scan:
                process: {command|basename: clamscan}
                after: usb
                within: 15m
                absent: true
            tests:
              - name: sorted by time, the scan at +5m is in the window
                facts:
                  - device: {devbus: usb, at: "+0s"}
                  - process: {command: /usr/sbin/cron, at: "+20m"}
                  - process: {command: /usr/bin/clamscan, at: "+5m"}
                expect: {alerts: 0}
              - name: as listed, cron at +20m moves the clock past the window before the scan arrives
                arrival: as-listed
                facts:
                  - device: {devbus: usb, at: "+0s"}
                  - process: {command: /usr/sbin/cron, at: "+20m"}
                  - process: {command: /usr/bin/clamscan, at: "+5m"}
                expect: {alerts: 1}
            """);
    }

    [Fact]
    public void The_match_that_arrives_first_raises_the_alert_the_other_folds_into()
    {
        _folder.RunPassingTests("""
            id: T-FIRST
            title: a daemon account's process connects out
            severity: low
            match:
              proc:
                process: {username: nobody}
              conn:
                endpoint: {pid: proc.pid}
                after: proc
                within: 5m
            suppress: {by: [proc.username], for: 10m}
            output: "pid {proc.pid}"
            tests:
              - name: sorted by time, the earlier match raises the alert
                facts:
                  - process: {pid: 2, username: nobody, at: "+1m"}
                  - endpoint: {pid: 2, at: "+2m"}
                  - process: {pid: 1, username: nobody, at: "+0s"}
                  - endpoint: {pid: 1, at: "+30s"}
                expect:
                  alerts:
                    - evidence: [netinfo:2, psinfo:2]
                      output: pid 1
                      hits: 2
              - name: as listed, the later match arrives first and keeps the alert
                arrival: as-listed
                facts:
                  - process: {pid: 2, username: nobody, at: "+1m"}
                  - endpoint: {pid: 2, at: "+2m"}
                  - process: {pid: 1, username: nobody, at: "+0s"}
                  - endpoint: {pid: 1, at: "+30s"}
                expect:
                  alerts:
                    - evidence: [netinfo:1, psinfo:1]
                      output: pid 2
                      hits: 2
            """);
    }

    [Fact]
    public void A_connection_stored_before_its_process_still_matches()
    {
        _folder.RunPassingTests("""
            id: T-JOIN-LATE
            title: a daemon account's process connects out
            severity: low
            match:
              proc:
                process: {username: nobody}
              conn:
                endpoint: {pid: proc.pid}
                after: proc
                within: 5m
            tests:
              - name: as listed, the connections arrive before their process
                arrival: as-listed
                facts:
                  - endpoint: {pid: 5, at: "+1m"}
                  - endpoint: {pid: 5, at: "+3m"}
                  - process: {pid: 5, username: nobody, at: "+0s"}
                expect:
                  alerts:
                    - evidence: [netinfo:1, psinfo:1]
                    - evidence: [netinfo:2, psinfo:1]
              - name: sorted by time, the same alerts
                facts:
                  - endpoint: {pid: 5, at: "+1m"}
                  - endpoint: {pid: 5, at: "+3m"}
                  - process: {pid: 5, username: nobody, at: "+0s"}
                expect:
                  alerts:
                    - evidence: [netinfo:1, psinfo:1]
                    - evidence: [netinfo:2, psinfo:1]
            ---
            id: T-COUNT-LATE
            title: a daemon account's process connects out twice
            severity: low
            match:
              proc:
                process: {username: nobody}
              conns:
                endpoint: {pid: proc.pid}
                after: proc
                within: 5m
                count: {at_least: 2}
            tests:
              - name: as listed, the count completes when its process arrives last
                arrival: as-listed
                facts:
                  - endpoint: {pid: 5, at: "+3m"}
                  - endpoint: {pid: 5, at: "+1m"}
                  - process: {pid: 5, username: nobody, at: "+0s"}
                expect:
                  alerts:
                    - evidence: [netinfo:1, netinfo:2, psinfo:1]
              - name: sorted by time, the same alert
                facts:
                  - endpoint: {pid: 5, at: "+3m"}
                  - endpoint: {pid: 5, at: "+1m"}
                  - process: {pid: 5, username: nobody, at: "+0s"}
                expect:
                  alerts:
                    - evidence: [netinfo:1, netinfo:2, psinfo:1]
            """);
    }

    [Fact]
    public void An_unknown_arrival_is_refused()
    {
        _folder.Write("rule.yaml", """
            id: T-ARRIVAL
            title: arrival
            severity: low
            match:
              p:
                process: {username: mallory}
            tests:
              - name: a typo
                arrival: as-written
                facts: [{process: {username: mallory}}]
                expect: {alerts: 1}
            """);
        var error = Assert.Single(_folder.Load().Errors);
        Assert.Equal(("bad-test", 9), (error.Code, error.Where.Line));
    }
}
