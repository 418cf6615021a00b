using System.Runtime.InteropServices;
using System.Text;
using Luarm.Agent.Host;

namespace Luarm.Agent.Tests;

/// <summary>userslogged comes from utmp records, as `who` reads them.</summary>
public sealed class LoggedUsersTests
{
    [Fact]
    public void Only_user_processes_count_each_user_once_in_name_order()
    {
        var utmp = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(utmp, [.. Record(7, "nobody"), .. Record(2, "reboot"), .. Record(7, "alice"), .. Record(7, "nobody")]);

            Assert.Equal("alice,nobody", LoggedUsers.Read(utmp));
        }
        finally
        {
            File.Delete(utmp);
        }
    }

    [Fact]
    public void Without_utmp_nobody_can_be_told_logged_in()
    {
        Assert.Null(LoggedUsers.Read("/nonexistent/utmp"));
    }

    /// <summary>A 384-byte struct utmp: ut_type at 0, ut_user at 44.</summary>
    private static byte[] Record(short type, string user)
    {
        var record = new byte[384];
        MemoryMarshal.Write(record, in type);
        Encoding.ASCII.GetBytes(user).CopyTo(record, 44);
        return record;
    }
}
