using Luarm.Store.Access;
using Luarm.Testing;

namespace Luarm.Store.Tests;

/// <summary>Every query of the 2011 write-up, typed exactly as there, on both dialects.</summary>
public sealed class WriteupQueryTests
{
    private static async Task<(TestStore Store, SqlQuery Console)> IncidentStoreAsync(StoreDialect dialect)
    {
        var test = await TestStore.CreateAsync(dialect);
        var writer = new FactWriter(test.Store);
        await writer.AppendAsync(IncidentDataset.Processes);
        await writer.AppendAsync(IncidentDataset.Endpoints);
        return (test, new SqlQuery(test.Store));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Show_tables_lists_the_luarm_tables(StoreDialect dialect)
    {
        var (test, console) = await IncidentStoreAsync(dialect);
        await using var _ = test;

        var result = await console.RunAsync("show tables;");

        var tables = result.Rows.Select(r => (string)r[0]!).ToArray();
        Assert.Subset(tables.ToHashSet(), new HashSet<string> { "fileinfo", "groupinfo", "hostinfo", "hwinfo", "netinfo", "netint", "netroute", "psinfo", "userinfo" });
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Describe_shows_every_column_of_the_writeup(StoreDialect dialect)
    {
        var (test, console) = await IncidentStoreAsync(dialect);
        await using var _ = test;

        var netinfo = (await console.RunAsync("describe netinfo;")).Rows.Select(r => (string)r[0]!).ToHashSet();
        var psinfo = (await console.RunAsync("describe psinfo;")).Rows.Select(r => (string)r[0]!).ToHashSet();

        Assert.Subset(netinfo, new HashSet<string>
        {
            "endpointinfo", "cyear", "cmonth", "cday", "chour", "cmin", "csec", "transport", "sourceip", "sourcefqdn",
            "sourceport", "destip", "destfqdn", "destport", "ipversion", "username", "pid", "application",
            "dyear", "dmonth", "dday", "dhour", "dmin", "dsec", "md5sum",
        });
        Assert.Subset(psinfo, new HashSet<string>
        {
            "psentity", "md5sum", "username", "pid", "ppid", "pcpu", "pmem", "command", "arguments",
            "cyear", "cmonth", "cday", "cmin", "chour", "csec", "dyear", "dmonth", "dday", "dhour", "dmin", "dsec",
        });
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Counts_connections_per_irc_server_even_with_the_trailing_space(StoreDialect dialect)
    {
        var (test, console) = await IncidentStoreAsync(dialect);
        await using var _ = test;

        var undernet = await console.RunAsync("select COUNT(*) from netinfo where destfqdn='undernet.irc.justedge.net' ;");
        var dana = await console.RunAsync("select COUNT(*) from netinfo where destfqdn='dana.basefreak.nl ' ;");

        Assert.Equal("COUNT(*)", undernet.Columns.Single());
        Assert.Equal(IncidentDataset.UndernetConnections, Convert.ToInt32(undernet.Rows.Single()[0]));
        Assert.Equal(IncidentDataset.DanaConnections, Convert.ToInt32(dana.Rows.Single()[0]));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Names_the_application_user_and_pid_behind_the_connections(StoreDialect dialect)
    {
        var (test, console) = await IncidentStoreAsync(dialect);
        await using var _ = test;

        var dana = await console.RunAsync("select application,username,pid from netinfo where destfqdn='dana.basefreak.nl' LIMIT 5;");
        var undernet = await console.RunAsync("select application,username,pid from netinfo where destfqdn='undernet.irc.justedge.net' LIMIT 10;");

        Assert.Equal(["application", "username", "pid"], dana.Columns);
        Assert.Equal(5, dana.Rows.Count);
        Assert.All(dana.Rows, r => Assert.Equal(("crond", "nobody", 7371), ((string)r[0]!, (string)r[1]!, Convert.ToInt32(r[2]))));
        Assert.Equal(Math.Min(10, IncidentDataset.UndernetConnections), undernet.Rows.Count);
        Assert.All(undernet.Rows, r => Assert.Equal(("crond", "nobody", 21995), ((string)r[0]!, (string)r[1]!, Convert.ToInt32(r[2]))));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Finds_the_perl_bots_among_nobodys_processes(StoreDialect dialect)
    {
        var (test, console) = await IncidentStoreAsync(dialect);
        await using var _ = test;

        var count = await console.RunAsync("select COUNT(*) from psinfo where username='nobody' ;");
        var rows = await console.RunAsync("select command,username,arguments,pid,ppid from psinfo where username='nobody' \\G;");

        Assert.Equal(IncidentDataset.NobodyProcesses.Count, Convert.ToInt32(count.Rows.Single()[0]));
        Assert.True(rows.Vertical);
        Assert.Equal(IncidentDataset.NobodyProcesses.Count, rows.Rows.Count);
        var bots = rows.Rows.Where(r => (string)r[0]! == "/usr/bin/perl")
            .Select(r => ((string)r[2]!, Convert.ToInt32(r[3]), Convert.ToInt32(r[4])))
            .OrderBy(b => b.Item2)
            .ToArray();
        Assert.Equal([("./x 79.125.109.171 0 0", 9253, 8343), ("./x 85.121.125.74 0 0", 29312, 8343)], bots);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Lists_the_bots_endpoints_with_their_split_creation_time(StoreDialect dialect)
    {
        var (test, console) = await IncidentStoreAsync(dialect);
        await using var _ = test;

        var result = await console.RunAsync("select sourceport,destport,cday,chour,cmin  from netinfo where username='nobody' AND pid='29312' \\G;");

        var expected = IncidentDataset.Endpoints.Where(e => e.Pid == 29312)
            .Select(e => (e.SourcePort, e.DestPort, e.Created.Day, e.Created.Hour, e.Created.Minute))
            .ToArray();
        var actual = result.Rows
            .Select(r => (Convert.ToInt32(r[0]), Convert.ToInt32(r[1]), Convert.ToInt32(r[2]), Convert.ToInt32(r[3]), Convert.ToInt32(r[4])))
            .ToArray();
        Assert.Equal(expected, actual);
        Assert.Equal((0, 0, 5, 19, 0), actual[^1]);
    }
}
