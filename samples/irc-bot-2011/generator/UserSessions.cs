using Luarm.Store.Facts;

namespace Luarm.Samples.IrcBot2011;

/// <summary>
/// The people who use the box over ssh: alice develops on weekdays, bob (the
/// administrator) looks in twice a day, carol runs her thesis scripts some
/// evenings. Their processes carry their login session.
/// </summary>
internal static class UserSessions
{
    private static readonly Account Alice = new("alice", 1000);
    private static readonly Account Bob = new("bob", 1001);
    private static readonly Account Carol = new("carol", 1002);

    /// <summary>What a user may run in a session, and what it does besides starting.</summary>
    private sealed record Command(string Path, string Arguments, Action<HostRecording, ProcessFact, Random>? Effects = null, bool AsRoot = false);

    private static readonly Command[] AliceCommands =
    [
        new("/usr/bin/vim", "src/parser.c", (host, p, _) => Edit(host, p, "/home/alice/project/src/parser.c")),
        new("/usr/bin/vim", "src/lexer.c", (host, p, _) => Edit(host, p, "/home/alice/project/src/lexer.c")),
        new("/usr/bin/make", "-j2"),
        new("/usr/bin/gcc", "-O2 -Wall -c src/parser.c -o build/parser.o"),
        new("/usr/bin/git", "pull", Git),
        new("/usr/bin/git", "push origin master", Git),
        new("/usr/bin/git", "status"),
        new("/bin/ls", "-la"),
        new("/usr/bin/less", "README"),
        new("/bin/grep", "-rn TODO src"),
        new("./build/test_parser", "tests/input.txt"),
    ];

    private static readonly Command[] BobCommands =
    [
        new("/usr/bin/sudo", "tail -n 200 /var/log/messages", Sudo, AsRoot: true),
        new("/usr/bin/sudo", "/opt/lampp/lampp status", Sudo, AsRoot: true),
        new("/usr/bin/sudo", "yum check-update", YumMirrors, AsRoot: true),
        new("/usr/bin/top", "-b -n 1"),
        new("/bin/df", "-h"),
        new("/opt/lampp/bin/mysql", "-u root -p", (host, p, random) => host.Endpoint(p, "mysql", "127.0.0.1", "localhost", 3306, BotActivity.EphemeralPort(random), p.Created.AddSeconds(2), p.Destroyed)),
        new("/usr/bin/last", "-n 20"),
    ];

    private static readonly Command[] CarolCommands =
    [
        new("/usr/bin/python3", "analyse.py data/run-17.csv"),
        new("/usr/bin/wget", "-q http://www.example.com/datasets/run-17.csv", (host, p, random) => host.Endpoint(p, "wget", "93.184.216.34", "www.example.com", 80, BotActivity.EphemeralPort(random), p.Created.AddMilliseconds(300), p.Destroyed)),
        new("/usr/bin/vim", "notes.txt", (host, p, _) => Edit(host, p, "/home/carol/thesis/notes.txt")),
    ];

    public static void Add(HostRecording host, Random random, DateTime start, DateTime end)
    {
        var session = 100L;
        for (var day = start.Date; day < end; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                Session(host, random, new Login(Alice, ++session), "198.51.100.23", "/home/alice/project",
                    day.AddHours(8).AddMinutes(45 + random.Next(40)), TimeSpan.FromHours(8 + random.NextDouble()), 15 + random.Next(20), AliceCommands);
            }
            Session(host, random, new Login(Bob, ++session), "198.51.100.40", "/home/bob",
                day.AddHours(10).AddMinutes(random.Next(20)), TimeSpan.FromMinutes(10 + random.Next(30)), 4 + random.Next(4), BobCommands);
            Session(host, random, new Login(Bob, ++session), "198.51.100.40", "/home/bob",
                day.AddHours(15).AddMinutes(30 + random.Next(20)), TimeSpan.FromMinutes(10 + random.Next(30)), 4 + random.Next(4), BobCommands);
            if (day.DayOfWeek is DayOfWeek.Wednesday or DayOfWeek.Friday)
            {
                Session(host, random, new Login(Carol, ++session), "198.51.100.77", "/home/carol/thesis",
                    day.AddHours(19).AddMinutes(random.Next(60)), TimeSpan.FromMinutes(40 + random.Next(60)), 3 + random.Next(5), CarolCommands);
            }
        }
    }

    /// <summary>An ssh login: sshd's session leader checks the password, the user's shell runs <paramref name="count"/> commands, then logs out.</summary>
    private static void Session(HostRecording host, Random random, Login login, string from, string home, DateTime at, TimeSpan length, int count, Command[] commands)
    {
        var end = at + length;
        var leader = host.Process(SystemActivity.Root, host.NewPid(random), SystemActivity.SshdPid, "/usr/sbin/sshd", $"{login.User.Name} [priv]", "/", at, end);
        host.File(leader, "/etc/passwd", "open", at.AddMilliseconds(5));
        host.File(leader, "/etc/shadow", "open", at.AddMilliseconds(9));
        host.Login(login, leader.Pid, "pts/" + (login.SessionId % 4), from, at.AddSeconds(1), end);
        var shell = host.Process(login.User, host.NewPid(random), leader.Pid, "-bash", "", home, at.AddSeconds(1).AddMilliseconds(200), end, login);
        var times = Enumerable.Range(0, count).Select(_ => at.AddSeconds(5 + (random.NextDouble() * (length.TotalSeconds - 60)))).Order();
        foreach (var time in times)
        {
            var command = commands[random.Next(commands.Length)];
            var user = command.AsRoot ? SystemActivity.Root : login.User;
            var process = host.Process(user, host.NewPid(random), shell.Pid, command.Path, command.Arguments, home, time,
                time.AddSeconds(1 + random.Next(50)), login);
            command.Effects?.Invoke(host, process, random);
        }
    }

    private static void Edit(HostRecording host, ProcessFact editor, string file)
    {
        host.File(editor, file, "open", editor.Created.AddMilliseconds(30));
        host.File(editor, file, "close_write", editor.Destroyed!.Value.AddMilliseconds(-20));
    }

    private static void Git(HostRecording host, ProcessFact git, Random random) =>
        host.Endpoint(git, "ssh", "198.51.100.7", "git.example.org", 22, BotActivity.EphemeralPort(random), git.Created.AddMilliseconds(120), git.Destroyed);

    private static void Sudo(HostRecording host, ProcessFact sudo, Random random)
    {
        host.File(sudo, "/etc/sudoers", "open", sudo.Created.AddMilliseconds(4));
        host.File(sudo, "/etc/shadow", "open", sudo.Created.AddMilliseconds(7));
    }

    private static void YumMirrors(HostRecording host, ProcessFact sudo, Random random)
    {
        Sudo(host, sudo, random);
        string[] mirrors = ["198.51.100.130", "198.51.100.131", "203.0.113.80"];
        for (var i = 0; i < mirrors.Length; i++)
        {
            host.Endpoint(sudo, "yum", mirrors[i], $"mirror{i + 1}.centos.example.net", 80, BotActivity.EphemeralPort(random), sudo.Created.AddSeconds(1 + i), sudo.Destroyed);
        }
    }
}
