namespace Luarm.Benchmarks;

/// <summary>
/// The monitored hosts: each with root, a few service accounts and its own
/// staff, and the programs each kind of account runs. Host 1 is the LAMPP web
/// server of the incident, whose Apache runs as <c>nobody</c>.
/// </summary>
public sealed class Fleet
{
    private static readonly string[] FirstNames =
    [
        "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "nick",
        "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "xena", "yusuf", "zoe", "anna", "bjorn",
    ];

    private static readonly string[] RootPrograms = ["sshd", "ntpd", "dhclient", "apt-get", "rsync", "curl", "puppet", "sendmail"];
    private static readonly string[] WebPrograms = ["httpd", "php-cgi", "perl"];
    private static readonly string[] StaffPrograms = ["firefox", "thunderbird", "ssh", "wget", "git", "pidgin", "skype", "irssi", "scp", "python", "java"];

    public Fleet(int hostCount, Random random)
    {
        Hosts = [.. Enumerable.Range(1, hostCount).Select(id => NewHost(id, random))];
    }

    public IReadOnlyList<FleetHost> Hosts { get; }

    private static FleetHost NewHost(int id, Random random)
    {
        var web = id == 1 || random.Next(3) == 0;
        var accounts = new List<(Account Account, int Weight)>
        {
            (new Account("root", 0, RootPrograms), 20),
            (new Account(web && random.Next(2) == 0 ? "nobody" : "www-data", web ? 65534 : 33, WebPrograms), web ? 25 : 3),
            (new Account("mysql", 27, ["mysqld"]), 4),
            (new Account("postfix", 106, ["smtpd", "smtp"]), 4),
            (new Account("ntp", 104, ["ntpd"]), 4),
        };
        if (id == 1)
        {
            accounts[1] = (new Account("nobody", 65534, WebPrograms), 25);
        }
        var staff = random.Next(3, 30);
        for (var i = 0; i < staff; i++)
        {
            var number = random.Next(500);
            var name = FirstNames[number % FirstNames.Length] + (number < FirstNames.Length ? "" : (number / FirstNames.Length).ToString(System.Globalization.CultureInfo.InvariantCulture));
            accounts.Add((new Account(name, 1000 + number, StaffPrograms), 45 / staff + 1));
        }
        return new FleetHost(id, $"10.1.{id / 256}.{id % 256}", $"host{id:00}.example.org", [.. accounts.Select(a => a.Account)], [.. accounts.Select(a => a.Weight)]);
    }
}

/// <summary>One host of the fleet and how often each of its accounts starts a networked program.</summary>
public sealed class FleetHost(int id, string ip, string fqdn, Account[] accounts, int[] weights)
{
    private readonly int _totalWeight = weights.Sum();

    public int Id { get; } = id;
    public string Ip { get; } = ip;
    public string Fqdn { get; } = fqdn;

    public Account PickAccount(Random random)
    {
        var draw = random.Next(_totalWeight);
        for (var i = 0; i < accounts.Length; i++)
        {
            draw -= weights[i];
            if (draw < 0)
            {
                return accounts[i];
            }
        }
        return accounts[^1];
    }
}

/// <summary>A user account and the programs it runs.</summary>
public sealed record Account(string Username, int Uid, string[] Programs);
