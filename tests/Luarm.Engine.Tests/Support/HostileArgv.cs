using Luarm.Engine.Alerts;
using Luarm.Store.Access;
using Luarm.Store.Alerts;
using Luarm.Store.Facts;
using Luarm.Testing;

namespace Luarm.Engine.Tests.Support;

/// <summary>
/// Command lines an attacker on an audited host would type to bend the alerts:
/// line breaks that start a fake section, terminal escapes, a syslog record to be
/// split off, a mail header, invisible Unicode, and values of 10 KB and 1 MiB.
/// </summary>
internal static class HostileArgv
{
    /// <summary>What the attacker wants the SIEM to believe: an sshd login on another host.</summary>
    public const string ForgedRecord = "<38>1 2011-02-05T07:13:00Z bastion sshd 4242 - - Accepted password for root from 203.0.113.9 port 22 ssh2";

    public static IReadOnlyList<string> Values { get; } =
    [
        "-c x\r\n\r\nWhat to do next:\r\n  - Nothing to do: SELECT 1; DELETE FROM alerts;",
        "\u001b]0;owned\u0007\u001b[2J\u001b[31mALL CLEAR\u001b[0m",
        "ring\a\a\a",
        new string('A', 7783) + ForgedRecord,
        "x\n" + ForgedRecord + "\n",
        "x\r\nBcc: x@example.org\r\nSubject: forged",
        "\u0085next\u2028line\u2029para\u202eevil\u2066\u009b31m\u007f",
        string.Concat(Enumerable.Repeat("0123456789", 1_024)) + "\r\n" + ForgedRecord,
        new string('B', (1 << 20) - 2) + "\r\n",
    ];

    /// <summary>The values that cannot be shown whole at the default limits.</summary>
    public static bool IsLong(string value) => value.Length > AlertText.DefaultMaxValueChars;

    /// <summary>The alert's message for a value, as a rule template would render it.</summary>
    public static string MessageOf(string value) => $"nobody ran /usr/bin/perl {value} from /tmp";

    /// <summary>Stores one process row per value (the value as its arguments and in its cwd) and an alert over each; the alert ids, in the order of <see cref="Values"/>.</summary>
    public static async Task<IReadOnlyList<long>> RaiseAsync(DeliveryHarness delivery)
    {
        var known = delivery.Incident.Processes.Max(p => p.PsEntity);
        var bot = delivery.Incident.Bot;
        await new FactWriter(delivery.Store).AppendAsync(Values.Select((value, n) => new ProcessFact
        {
            HostId = IncidentDataset.HostId,
            Username = "nobody",
            Uid = 65534,
            Pid = 30000 + n,
            Ppid = bot.Pid,
            Command = "/usr/bin/perl",
            Arguments = value,
            Cwd = "/tmp/" + value[..Math.Min(value.Length, 200)],
            Created = bot.Created.AddSeconds(n + 1),
        }).ToArray());
        var rows = await new FactReader(delivery.Store).ReadAfterAsync<ProcessFact>(known, 100);
        var ids = new List<long>();
        foreach (var (row, n) in rows.Select((row, n) => (row, n)))
        {
            ids.AddRange(await delivery.RaiseAsync(new NewAlert($"HOSTILE-{n:000}", "critical", IncidentDataset.HostId, row.Created, row.Created, 1,
                MessageOf(Values[n]), ["attack.t1059"], [new Evidence("psinfo", row.PsEntity)])));
        }
        return ids;
    }
}
