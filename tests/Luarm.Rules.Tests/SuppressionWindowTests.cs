namespace Luarm.Rules.Tests;

/// <summary>
/// Which time a suppression window is measured on: it opens at the newest fact of the
/// match that raised the alert, and later hits do not extend it.
/// </summary>
public sealed class SuppressionWindowTests : IDisposable
{
    private readonly RuleFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_window_opens_at_the_newest_fact_of_the_first_match_and_hits_do_not_extend_it()
    {
        _folder.RunPassingTests("""
            id: T-QUIET
            title: a daemon account's process connects out
            severity: low
            match:
              proc:
                process: {username|in: [nobody, Nobody]}
              conn:
                endpoint: {pid: proc.pid}
                after: proc
                within: 5m
            suppress: {by: [proc.username], for: 1m}
            output: "pid {proc.pid}"
            tests:
              - name: the window runs from the first connection (+40s) to +1m40s, its end included, whatever later hits
                facts:
                  - process: {pid: 1, username: nobody, at: "+0s"}
                  - endpoint: {pid: 1, at: "+40s"}
                  - process: {pid: 2, username: nobody, at: "+10s"}
                  - endpoint: {pid: 2, at: "+1m40s"}
                  - process: {pid: 3, username: nobody, at: "+1m30s"}
                  - endpoint: {pid: 3, at: "+1m50s"}
                expect:
                  alerts:
                    - evidence: [netinfo:1, psinfo:1]
                      output: pid 1
                      hits: 2
                    - evidence: [netinfo:3, psinfo:3]
                      output: pid 3
                      hits: 1
              - name: a match that starts inside the window but completes after it raises a new alert
                facts:
                  - process: {pid: 1, username: nobody, at: "+0s"}
                  - endpoint: {pid: 1, at: "+40s"}
                  - process: {pid: 2, username: nobody, at: "+50s"}
                  - endpoint: {pid: 2, at: "+1m45s"}
                expect:
                  alerts:
                    - output: pid 1
                      hits: 1
                    - output: pid 2
                      hits: 1
              - name: by values compare with case
                facts:
                  - process: {pid: 1, username: nobody, at: "+0s"}
                  - endpoint: {pid: 1, at: "+1s"}
                  - process: {pid: 2, username: Nobody, at: "+2s"}
                  - endpoint: {pid: 2, at: "+3s"}
                expect:
                  alerts:
                    - output: pid 1
                    - output: pid 2
            """);
    }

    [Fact]
    public void A_late_match_folds_into_the_window_open_when_it_arrives_even_a_later_one()
    {
        _folder.RunPassingTests("""
            id: T-LATE-HIT
            title: a daemon account's process connects out
            severity: low
            match:
              proc:
                process: {username: nobody}
              conn:
                endpoint: {pid: proc.pid}
                after: proc
                within: 5m
            suppress: {by: [proc.username], for: 1m}
            output: "pid {proc.pid}"
            tests:
              - name: sorted by time, the match at +30s is a hit of the first alert's window (+10s to +1m10s)
                facts:
                  - process: {pid: 1, username: nobody, at: "+0s"}
                  - endpoint: {pid: 1, at: "+10s"}
                  - process: {pid: 2, username: nobody, at: "+5m"}
                  - endpoint: {pid: 2, at: "+5m10s"}
                  - process: {pid: 3, username: nobody, at: "+20s"}
                  - endpoint: {pid: 3, at: "+30s"}
                expect:
                  alerts:
                    - {output: pid 1, hits: 2}
                    - {output: pid 2, hits: 1}
              - name: arriving after the second alert, it is a hit of the window open then (+5m10s to +6m10s)
                arrival: as-listed
                facts:
                  - process: {pid: 1, username: nobody, at: "+0s"}
                  - endpoint: {pid: 1, at: "+10s"}
                  - process: {pid: 2, username: nobody, at: "+5m"}
                  - endpoint: {pid: 2, at: "+5m10s"}
                  - process: {pid: 3, username: nobody, at: "+20s"}
                  - endpoint: {pid: 3, at: "+30s"}
                expect:
                  alerts:
                    - {output: pid 1, hits: 1}
                    - {output: pid 2, hits: 2}
            """);
    }
}
