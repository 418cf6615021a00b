namespace Luarm.Rules.Tests;

/// <summary>
/// What a distinct count counts, written as rule files with their own tests as an author
/// would: repeated values, values that differ only in case, and missing values.
/// </summary>
public sealed class DistinctCountTests : IDisposable
{
    private readonly RuleFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_repeated_value_opens_a_second_window_that_reaches_the_threshold_too()
    {
        _folder.RunPassingTests("""
            id: T-FANOUT
            title: a fan-out
            severity: low
            match:
              conns:
                endpoint: {destport: 22}
                count: {at_least: 3, distinct: destip, by: [pid]}
                within: 1m
            output: "{conns.count} addresses, first {conns.destip}"
            tests:
              - name: the second connection to the first address opens its own window with three addresses
                facts:
                  - endpoint: {pid: 7, destport: 22, destip: 192.0.2.1, at: "+0s"}
                  - endpoint: {pid: 7, destport: 22, destip: 192.0.2.1, at: "+10s"}
                  - endpoint: {pid: 7, destport: 22, destip: 192.0.2.2, at: "+20s"}
                  - endpoint: {pid: 7, destport: 22, destip: 192.0.2.3, at: "+30s"}
                expect:
                  alerts:
                    - evidence: [netinfo:1, netinfo:2, netinfo:3, netinfo:4]
                      output: "3 addresses, first 192.0.2.1"
                    - evidence: [netinfo:2, netinfo:3, netinfo:4]
                      output: "3 addresses, first 192.0.2.1"
              - name: a window opened at the third address holds only two
                facts:
                  - endpoint: {pid: 7, destport: 22, destip: 192.0.2.1, at: "+0s"}
                  - endpoint: {pid: 7, destport: 22, destip: 192.0.2.2, at: "+10s"}
                  - endpoint: {pid: 7, destport: 22, destip: 192.0.2.2, at: "+20s"}
                  - endpoint: {pid: 7, destport: 22, destip: 192.0.2.3, at: "+30s"}
                expect:
                  alerts:
                    - evidence: [netinfo:1, netinfo:2, netinfo:3, netinfo:4]
            ---
            id: T-FANOUT-ONCE
            title: a fan-out, folded
            severity: low
            match:
              conns:
                endpoint: {destport: 22}
                count: {at_least: 3, distinct: destip, by: [pid]}
                within: 1m
            suppress: {by: [conns.pid], for: 10m}
            tests:
              - name: suppression folds the burst's two windows into one alert
                facts:
                  - endpoint: {pid: 7, destport: 22, destip: 192.0.2.1, at: "+0s"}
                  - endpoint: {pid: 7, destport: 22, destip: 192.0.2.1, at: "+10s"}
                  - endpoint: {pid: 7, destport: 22, destip: 192.0.2.2, at: "+20s"}
                  - endpoint: {pid: 7, destport: 22, destip: 192.0.2.3, at: "+30s"}
                expect:
                  alerts:
                    - evidence: [netinfo:1, netinfo:2, netinfo:3, netinfo:4]
                      hits: 2
            """);
    }

    [Fact]
    public void Values_that_differ_in_case_are_one_value_and_missing_values_are_none()
    {
        _folder.RunPassingTests("""
            id: T-NAMES
            title: one process looks up many names
            severity: low
            match:
              conns:
                endpoint: {destport: 443}
                count: {at_least: 3, distinct: destfqdn, by: [pid]}
                within: 5m
            output: "{conns.count} names"
            tests:
              - name: Evil.example and evil.example are one name, a connection without a name (NULL) is none
                facts:
                  - endpoint: {pid: 7, destport: 443, destfqdn: Evil.example, at: "+0s"}
                  - endpoint: {pid: 7, destport: 443, destfqdn: evil.example, at: "+1s"}
                  - endpoint: {pid: 7, destport: 443, at: "+2s"}
                  - endpoint: {pid: 7, destport: 443, destfqdn: b.example, at: "+3s"}
                expect: {alerts: 0}
              - name: a third name reaches the threshold in the windows of both spellings, shown as the threshold counts
                facts:
                  - endpoint: {pid: 7, destport: 443, destfqdn: Evil.example, at: "+0s"}
                  - endpoint: {pid: 7, destport: 443, destfqdn: evil.example, at: "+1s"}
                  - endpoint: {pid: 7, destport: 443, at: "+2s"}
                  - endpoint: {pid: 7, destport: 443, destfqdn: b.example, at: "+3s"}
                  - endpoint: {pid: 7, destport: 443, destfqdn: B.EXAMPLE, at: "+4s"}
                  - endpoint: {pid: 7, destport: 443, destfqdn: c.example, at: "+5s"}
                expect:
                  alerts:
                    - evidence: [netinfo:1, netinfo:2, netinfo:3, netinfo:4, netinfo:5, netinfo:6]
                      output: "3 names"
                    - evidence: [netinfo:2, netinfo:3, netinfo:4, netinfo:5, netinfo:6]
                      output: "3 names"
              - name: empty text is a value like any other (unlike with exists)
                facts:
                  - endpoint: {pid: 7, destport: 443, destfqdn: a.example, at: "+0s"}
                  - endpoint: {pid: 7, destport: 443, destfqdn: "", at: "+1s"}
                  - endpoint: {pid: 7, destport: 443, destfqdn: b.example, at: "+2s"}
                expect:
                  alerts:
                    - evidence: [netinfo:1, netinfo:2, netinfo:3]
                      output: "3 names"
            """);
    }

    [Fact]
    public void A_count_in_the_rete_network_folds_case_and_skips_missing_values_the_same_way()
    {
        // A count after another alias is evaluated by NRules' collect aggregate, not by the sliding window.
        _folder.RunPassingTests("""
            id: T-NAMES-AFTER
            title: a shell, then many names
            severity: low
            match:
              shell:
                process: {command|basename: bash}
              conns:
                endpoint: {destport: 443}
                after: shell
                within: 5m
                count: {at_least: 3, distinct: destfqdn}
              other:
                process: {pid: shell.ppid}
            output: "{conns.count} names"
            tests:
              - name: two spellings of one name, a NULL and one more name are two names
                facts:
                  - process: {pid: 1, command: /usr/sbin/sshd, at: "-1s"}
                  - process: {pid: 7, ppid: 1, command: /bin/bash, at: "+0s"}
                  - endpoint: {pid: 7, destport: 443, destfqdn: Evil.example, at: "+1s"}
                  - endpoint: {pid: 7, destport: 443, destfqdn: evil.example, at: "+2s"}
                  - endpoint: {pid: 7, destport: 443, at: "+3s"}
                  - endpoint: {pid: 7, destport: 443, destfqdn: b.example, at: "+4s"}
                expect: {alerts: 0}
              - name: a third name, shown as three
                facts:
                  - process: {pid: 1, command: /usr/sbin/sshd, at: "-1s"}
                  - process: {pid: 7, ppid: 1, command: /bin/bash, at: "+0s"}
                  - endpoint: {pid: 7, destport: 443, destfqdn: Evil.example, at: "+1s"}
                  - endpoint: {pid: 7, destport: 443, destfqdn: evil.example, at: "+2s"}
                  - endpoint: {pid: 7, destport: 443, at: "+3s"}
                  - endpoint: {pid: 7, destport: 443, destfqdn: b.example, at: "+4s"}
                  - endpoint: {pid: 7, destport: 443, destfqdn: c.example, at: "+5s"}
                expect:
                  alerts:
                    - output: "3 names"
            """);
    }
}
