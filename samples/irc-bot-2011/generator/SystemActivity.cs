namespace Luarm.Samples.IrcBot2011;

/// <summary>
/// The daemons and jobs of an ordinary CentOS box: init, sshd, the real crond
/// (root's), XAMPP's MySQL, ntpd asking the time, sysstat every ten minutes, the
/// nightly backup at 02:00 and cron.daily at 04:02.
/// </summary>
internal static class SystemActivity
{
    public static readonly Account Root = new("root", 0);
    public static readonly Account Mysql = new("mysql", 27);
    public static readonly Account Ntp = new("ntp", 38);

    public const int SshdPid = 1544;
    private const int CrondPid = 1602;

    public static void Add(HostRecording host, Random random, DateTime start, DateTime end)
    {
        host.Process(Root, 1, 0, "/sbin/init", "", "/", start);
        var ntpd = host.Process(Ntp, 1480, 1, "ntpd", "-u ntp:ntp -p /var/run/ntpd.pid -g", "/", start.AddSeconds(1));
        host.Process(Root, SshdPid, 1, "/usr/sbin/sshd", "", "/", start.AddSeconds(1).AddMilliseconds(300));
        var crond = host.Process(Root, CrondPid, 1, "crond", "", "/", start.AddSeconds(2));
        host.Process(Mysql, 1701, 1, "/opt/lampp/sbin/mysqld",
            "--basedir=/opt/lampp --datadir=/opt/lampp/var/mysql --user=mysql --port=3306 --socket=/opt/lampp/var/mysql/mysql.sock", "/opt/lampp", start.AddSeconds(4));

        for (var at = start.AddSeconds(40); at < end; at = at.AddSeconds(1024))
        {
            host.Endpoint(ntpd, "ntpd", "203.0.113.123", "0.centos.pool.ntp.org", 123, 123, at, at.AddMilliseconds(40), transport: "udp");
        }
        for (var at = start.AddMinutes(10); at < end; at = at.AddMinutes(10))
        {
            var run = at.AddMilliseconds(random.Next(900));
            host.Process(Root, host.NewPid(random), crond.Pid, "/usr/lib64/sa/sa1", "1 1", "/root", run, run.AddSeconds(1));
        }
        for (var night = start.Date; night < end; night = night.AddDays(1))
        {
            Backup(host, random, crond.Pid, night.AddHours(2).AddSeconds(1));
            Daily(host, random, crond.Pid, night.AddHours(4).AddMinutes(2).AddSeconds(1));
        }
    }

    private static void Backup(HostRecording host, Random random, int crond, DateTime at)
    {
        var restic = host.Process(Root, host.NewPid(random), crond, "/usr/bin/restic", "backup --quiet /srv /etc /opt/lampp/htdocs", "/root",
            at, at.AddMinutes(12 + random.Next(9)));
        for (var i = 0; i < 2; i++)
        {
            var connect = at.AddSeconds(1 + (i * 240));
            host.Endpoint(restic, "restic", "10.0.0.5", "backup.example.org", 8000, BotActivity.EphemeralPort(random), connect, connect.AddMinutes(4));
        }
    }

    private static void Daily(HostRecording host, Random random, int crond, DateTime at)
    {
        var runParts = host.Process(Root, host.NewPid(random), crond, "/usr/bin/run-parts", "/etc/cron.daily", "/root", at, at.AddMinutes(3));
        var logrotate = host.Process(Root, host.NewPid(random), runParts.Pid, "/usr/sbin/logrotate", "/etc/logrotate.conf", "/root",
            at.AddSeconds(1), at.AddSeconds(4));
        host.File(logrotate, "/etc/logrotate.conf", "open", at.AddSeconds(1).AddMilliseconds(10));
        host.Process(Root, host.NewPid(random), runParts.Pid, "/usr/sbin/tmpwatch", "-umc 240 /tmp", "/root", at.AddSeconds(5), at.AddSeconds(6));
        host.Process(Root, host.NewPid(random), runParts.Pid, "/usr/bin/updatedb", "", "/root", at.AddSeconds(7), at.AddMinutes(2));
    }
}
