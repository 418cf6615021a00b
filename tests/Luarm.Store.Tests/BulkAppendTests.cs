using Luarm.Store.Access;
using Luarm.Store.Facts;
using Luarm.Store.Health;
using Luarm.Store.Inventory;
using Luarm.Store.Vocabulary;
using Luarm.Testing;

namespace Luarm.Store.Tests;

public sealed class BulkAppendTests
{
    private static readonly DateTime Start = new(2026, 3, 14, 15, 9, 26, 535, 897, DateTimeKind.Utc);

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Every_column_of_every_fact_kind_round_trips(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var longArguments = string.Concat(Enumerable.Repeat("ärgüment-ß-日本-", 64 * 1024 / 14 + 1))[..(64 * 1024)];
        var process = new ProcessFact
        {
            HostId = 7,
            Md5Sum = "9e107d9d372bb6826bd81d3542a419d6",
            Username = "jürgen",
            Uid = 1001,
            Pid = 4_194_303,
            Ppid = 1,
            PCpu = 99.5m,
            PMem = 12.3m,
            Command = "/usr/bin/python3",
            Arguments = longArguments,
            Cwd = "/tmp/ünïcödé dir",
            Exe = "/usr/bin/python3.11",
            Sha256 = "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592",
            Created = Start.AddTicks(7),
            Destroyed = Start.AddSeconds(90),
        };
        var endpoint = new EndpointFact
        {
            HostId = 7,
            Transport = "tcp6",
            SourceIp = "2001:db8::1",
            SourceFqdn = null,
            SourcePort = 65535,
            DestIp = "2001:db8::2",
            DestFqdn = "undernet.irc.example.net",
            DestPort = 6697,
            IpVersion = 6,
            Username = "jürgen",
            Uid = null,
            Pid = 4_194_303,
            Application = "crond",
            Md5Sum = "9e107d9d372bb6826bd81d3542a419d6",
            Sha256 = "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592",
            Created = Start,
            Destroyed = null,
        };
        var file = new FileFact
        {
            HostId = 7,
            Filename = "/home/jürgen/.ssh/id_ed25519",
            AccessType = "open",
            Username = "jürgen",
            Uid = 1001,
            Command = "/usr/bin/scp",
            Pid = 300,
            Ppid = 299,
            Md5Sum = null,
            Created = Start,
            Destroyed = null,
        };
        var device = new DeviceFact
        {
            HostId = 7,
            DevBus = "usb",
            DevString = "SanDisk Cruzer Blade 4C530001",
            DevVendor = "SanDisk",
            UsersLogged = "jürgen,root",
            Uid = null,
            Created = Start,
            Destroyed = Start.AddMinutes(5),
        };

        var login = new LoginFact
        {
            HostId = 7,
            Username = "jürgen",
            Uid = 1001,
            Tty = "pts/3",
            RemoteHost = "ws17.example.org",
            SessionId = 4_294_967_294,
            Pid = 4_194_302,
            Program = "/usr/sbin/sshd",
            LoginUid = 1001,
            LoginName = "jürgen",
            Created = Start,
            Destroyed = Start.AddHours(2),
        };

        var writer = new FactWriter(test.Store);
        await writer.AppendAsync([process]);
        await writer.AppendAsync([endpoint]);
        await writer.AppendAsync([file]);
        await writer.AppendAsync([device]);
        await writer.AppendAsync([login]);

        var reader = new FactReader(test.Store);
        process.Created = StoreTime.Truncate(process.Created); // DATETIME(6) keeps microseconds, not 100 ns ticks
        AssertSameColumns(process, Assert.Single(await reader.ReadAfterAsync<ProcessFact>(0, 10)));
        AssertSameColumns(endpoint, Assert.Single(await reader.ReadAfterAsync<EndpointFact>(0, 10)));
        AssertSameColumns(file, Assert.Single(await reader.ReadAfterAsync<FileFact>(0, 10)));
        AssertSameColumns(device, Assert.Single(await reader.ReadAfterAsync<DeviceFact>(0, 10)));
        AssertSameColumns(login, Assert.Single(await reader.ReadAfterAsync<LoginFact>(0, 10)));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Inventory_rows_round_trip(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var writer = new FactWriter(test.Store);
        var host = new HostInventory { HostId = 2, Hostname = "web01", Os = "Debian GNU/Linux", OsVer = "12", Vendor = "QEMU", VendorModel = "Standard PC", Timezone = "Europe/Oslo", Created = Start };
        var user = new UserAccount { HostId = 2, Username = "www-data", Uid = 33, Gid = 33, HomeDir = "/var/www", Shell = "/usr/sbin/nologin", Created = Start };
        var group = new UserGroup { HostId = 2, GroupName = "sudo", Gid = 27, Members = "alice,bob", Created = Start };
        var netInterface = new NetInterface { HostId = 2, IntName = "eth0", IpVersion = 4, Ip = "192.0.2.10", Subnet = "255.255.255.0", MacAddr = "52:54:00:12:34:56", Created = Start };
        var route = new NetRoute { HostId = 2, IntName = "eth0", IpVersion = 4, NetIp = "0.0.0.0", RouteNetmask = "0.0.0.0", DefGw = "192.0.2.1", Created = Start };

        await writer.AppendAsync([host]);
        await writer.AppendAsync([user]);
        await writer.AppendAsync([group]);
        await writer.AppendAsync([netInterface]);
        await writer.AppendAsync([route]);

        var reader = new FactReader(test.Store);
        AssertSameColumns(host, Assert.Single(await reader.ReadAfterAsync<HostInventory>(0, 10)));
        AssertSameColumns(user, Assert.Single(await reader.ReadAfterAsync<UserAccount>(0, 10)));
        AssertSameColumns(group, Assert.Single(await reader.ReadAfterAsync<UserGroup>(0, 10)));
        AssertSameColumns(netInterface, Assert.Single(await reader.ReadAfterAsync<NetInterface>(0, 10)));
        AssertSameColumns(route, Assert.Single(await reader.ReadAfterAsync<NetRoute>(0, 10)));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Agent_loss_rows_round_trip(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var loss = new AgentLoss { HostId = 2, Source = "audit", Lost = 4_294_967_296, Created = Start };

        await new FactWriter(test.Store).AppendAsync([loss]);

        AssertSameColumns(loss, Assert.Single(await new FactReader(test.Store).ReadAfterAsync<AgentLoss>(0, 10)));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_large_batch_is_stored_whole_and_read_back_in_id_order_after_a_watermark(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var rows = Enumerable.Range(0, 2_500).Select(i => new EndpointFact
        {
            HostId = 1 + (i % 3),
            Transport = "udp",
            SourceIp = "127.0.0.1",
            SourcePort = i,
            DestIp = "127.0.0.2",
            DestPort = 53,
            IpVersion = 4,
            Username = "u" + i,
            Pid = i,
            Application = "app",
            Created = Start.AddMilliseconds(i),
        }).ToArray();

        Assert.Equal(rows.Length, await new FactWriter(test.Store).AppendAsync(rows));

        var reader = new FactReader(test.Store);
        var first = await reader.ReadAfterAsync<EndpointFact>(0, 1000);
        var rest = await reader.ReadAfterAsync<EndpointFact>(first[^1].EndpointInfo, 10_000);
        var all = first.Concat(rest).ToArray();
        Assert.Equal(rows.Select(r => r.Username), all.Select(r => r.Username));
        Assert.True(all.Zip(all.Skip(1)).All(pair => pair.First.EndpointInfo < pair.Second.EndpointInfo));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_batch_with_one_bad_row_stores_nothing(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var good = new ProcessFact { HostId = 1, Username = "a", Pid = 1, Ppid = 0, Command = "/bin/true", Arguments = "", Created = Start };
        var bad = new ProcessFact { HostId = 1, Username = null!, Pid = 2, Ppid = 0, Command = "/bin/false", Arguments = "", Created = Start };

        await Assert.ThrowsAsync<Errors.StoreException>(() => new FactWriter(test.Store).AppendAsync([good, bad]));

        Assert.Empty(await new FactReader(test.Store).ReadAfterAsync<ProcessFact>(0, 10));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Split_time_columns_are_derived_from_created_and_destroyed(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var created = new DateTime(2011, 2, 5, 7, 12, 33, DateTimeKind.Utc);
        var destroyed = new DateTime(2011, 12, 31, 23, 59, 58, DateTimeKind.Utc);
        await new FactWriter(test.Store).AppendAsync([
            new ProcessFact { HostId = 1, Username = "a", Pid = 1, Command = "/bin/x", Arguments = "", Created = created, Destroyed = destroyed },
            new ProcessFact { HostId = 1, Username = "b", Pid = 2, Command = "/bin/y", Arguments = "", Created = created },
        ]);

        var rows = (await new SqlQuery(test.Store).RunAsync(
            "select cyear,cmonth,cday,chour,cmin,csec,dyear,dmonth,dday,dhour,dmin,dsec from psinfo order by pid")).Rows;

        Assert.Equal(new int?[] { 2011, 2, 5, 7, 12, 33, 2011, 12, 31, 23, 59, 58 }, rows[0].Select(ToInt));
        Assert.Equal(new int?[] { 2011, 2, 5, 7, 12, 33, null, null, null, null, null, null }, rows[1].Select(ToInt));
    }

    private static int? ToInt(object? value) => value is null ? null : Convert.ToInt32(value);

    private static void AssertSameColumns<T>(T expected, T actual) where T : class
    {
        foreach (var column in FactTable.Of<T>().Columns)
        {
            var want = column.Read(expected);
            var got = column.Read(actual);
            if (got is DateTime time)
            {
                Assert.Equal(DateTimeKind.Utc, time.Kind);
            }
            Assert.True(Equals(want, got), $"{FactTable.Of<T>().Name}.{column.Name}: expected <{Show(want)}>, stored <{Show(got)}>");
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        string { Length: > 80 } text => $"{text[..40]}... ({text.Length} chars)",
        _ => value.ToString() ?? "",
    };
}
