using System.Globalization;

namespace Luarm.Benchmarks.RuleSets;

/// <summary>
/// Detection rules of the kinds a site writes, as YAML: each number gives a
/// different rule, cycling through eleven shapes (single facts with various
/// modifiers, joins with and without order, standalone and joined counts,
/// distinct counts, absences, regexes, exceptions, suppression) with fields,
/// values, windows and thresholds varied by the number. They use the shipped
/// lists, so they load beside <c>rules/lists.yaml</c>, and they test the
/// programs, ports and files of <see cref="Activity.FleetActivity"/>.
/// </summary>
public static class RuleTemplates
{
    public const int Shapes = 11;

    private static readonly string[] Programs = ["curl", "wget", "rsync", "python", "perl", "ssh", "scp", "git", "java", "php-cgi", "apt-get", "puppet", "irssi"];
    private static readonly string[] Users = ["root", "www-data", "nobody", "mysql", "postfix", "ntp"];
    private static readonly int[] Ports = [22, 25, 80, 443, 993, 6667, 6697, 8080, 3306, 5432];
    private static readonly string[] Fragments = ["-e", "--exec", "/tmp/", "http://", "base64", "-c", "/dev/shm/", ".sh", "nc ", "--no-check-certificate"];
    private static readonly string[] Severities = ["info", "low", "medium", "high", "critical"];
    private static readonly string[] Patterns = ["https?://[0-9.]+/", "[A-Za-z0-9+/]{40,}", "/dev/tcp/", "\\.(sh|py|pl)$"];
    private static readonly string[] Files = ["/etc/sudoers", "authorized_keys", "/etc/ssh/", "/etc/crontab", "/etc/ld.so.preload", ".bash_history"];

    public static string Yaml(int number)
    {
        var v = number / Shapes;
        var window = 1 + (number * 7 % 15);
        var header = $$"""
            id: BENCH-{{number:000}}
            title: "generated rule {{number}} ({{ShapeName(number % Shapes)}})"
            severity: {{Pick(Severities, number)}}
            tags: [bench, shape.{{number % Shapes}}]

            """;
        return header + (number % Shapes) switch
        {
            0 => $$"""
                match:
                  proc:
                    process:
                      command|basename: {{Pick(Programs, number)}}
                      username|in: [{{Pick(Users, v)}}, {{Pick(Users, v + 2)}}]
                      arguments|contains: "{{Pick(Fragments, v)}}"
                output: "{proc.username} ran {proc.command} {proc.arguments}"
                """,
            1 => $$"""
                match:
                  conn:
                    endpoint:
                      destport: {{Pick(Ports, v)}}
                      application|in: [{{Pick(Programs, v)}}, {{Pick(Programs, v + 3)}}]
                      not:
                        destip|cidr: [10.0.0.0/8, 192.168.0.0/16, 172.16.0.0/12]
                suppress: {by: [conn.pid], for: 30m}
                """,
            2 => $$"""
                match:
                  proc:
                    process:
                      command|basename|in: [{{Pick(Programs, v)}}, {{Pick(Programs, v + 5)}}]
                      username: {{Pick(Users, v)}}
                  conn:
                    endpoint:
                      pid: proc.pid
                      destport|in: {{(v % 2 == 0 ? "$irc_ports" : $"[{Pick(Ports, v)}, {Pick(Ports, v + 1)}]")}}
                    after: proc
                    within: {{window}}m
                output: "{proc.command} (pid {proc.pid}) connected to {conn.destip}:{conn.destport}"
                """,
            3 => $$"""
                match:
                  conns:
                    endpoint:
                      destport: {{Pick(Ports, v + 3)}}
                    count: {at_least: {{20 + (v % 5 * 10)}}, by: [pid]}
                    within: {{window}}m
                suppress: {by: [conns.pid], for: 1h}
                """,
            4 => $$"""
                match:
                  conns:
                    endpoint:
                      application|in: [{{Pick(Programs, v)}}, {{Pick(Programs, v + 1)}}, {{Pick(Programs, v + 2)}}]
                      not:
                        destip|cidr: 127.0.0.0/8
                    count: {at_least: {{8 + (v % 4 * 4)}}, distinct: destip, by: [username]}
                    within: {{1 + (v % 3)}}m
                output: "{conns.username} reached {conns.count} hosts"
                """,
            5 => $$"""
                match:
                  proc:
                    process:
                      command|basename|in: [{{Pick(Programs, v + 4)}}, sshd, {{Pick(Programs, v + 7)}}]
                  reads:
                    file:
                      pid: proc.pid
                      accesstype: read
                    after: proc
                    within: {{window}}m
                    count: {at_least: {{15 + (v % 3 * 5)}} }
                """,
            6 => $$"""
                match:
                  proc:
                    process:
                      command|basename: {{Pick(["rsync", "apt-get", "puppet", "curl"], v)}}
                      username: root
                  reply:
                    endpoint:
                      pid: proc.pid
                      destport: {{Pick([443, 80, 22, 873], v)}}
                    after: proc
                    within: {{window}}m
                    absent: true
                output: "{proc.command} (pid {proc.pid}) never reached its server"
                suppress: {by: [proc.command], for: 1h}
                """,
            7 => $$"""
                match:
                  access:
                    file:
                      filename|{{(v % 2 == 0 ? "startswith" : "endswith")}}: {{Pick(Files, v)}}
                      accesstype|in: [read, write, open]
                      not:
                        username: [root, {{Pick(Users, v + 1)}}]
                exceptions:
                  - reason: the configuration manager reads everything
                    access.command|basename: puppet
                """,
            8 => $$"""
                match:
                  proc:
                    process:
                      command|re: '^/usr/(s?bin)/{{Pick(Programs, v)}}[0-9.]*$'
                      any:
                        - cwd|startswith: $world_writable_prefixes
                        - arguments|re: '{{Pick(Patterns, v)}}'
                """,
            9 => $$"""
                match:
                  proc:
                    process:
                      username|in: $daemon_users
                      command|basename|in: [{{Pick(Programs, v + 2)}}, perl, php-cgi]
                  conn:
                    endpoint:
                      pid: proc.pid
                      username: proc.username
                      destport|gte: {{1024 + (v * 512 % 4096)}}
                    within: {{window}}m
                exceptions:
                  - reason: the site's own services
                    conn.destip|cidr: [10.0.0.0/8, 192.0.2.0/24]
                suppress: {by: [proc.pid], for: 1h}
                """,
            _ => $$"""
                match:
                  proc:
                    process:
                      username|in: [{{Pick(Users, v)}}, {{Pick(Users, v + 1)}}, nobody]
                  conns:
                    endpoint:
                      pid: proc.pid
                    after: proc
                    within: {{window}}m
                    count: {at_least: {{25 + (v % 4 * 10)}} }
                output: "{proc.username} process {proc.command} opened {conns.count} connections"
                """,
        } + Environment.NewLine;
    }

    private static string ShapeName(int shape) => shape switch
    {
        0 => "process with modifiers",
        1 => "endpoint outside private blocks",
        2 => "process then endpoint, ordered window",
        3 => "standalone count",
        4 => "distinct count",
        5 => "process then counted file reads",
        6 => "process then absent endpoint",
        7 => "file access with exception",
        8 => "process regexes",
        9 => "process and endpoint, two-sided window, text join",
        _ => "process then counted endpoints",
    };

    private static string Pick<T>(IReadOnlyList<T> values, int index) =>
        Convert.ToString(values[index % values.Count], CultureInfo.InvariantCulture)!;
}
