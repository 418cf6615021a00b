using System.Text.RegularExpressions;
using Dapper;
using Luarm.Store.Access;
using Luarm.Testing;

namespace Luarm.Cli.Tests.Samples;

/// <summary>
/// <c>luarm samples load irc-bot-2011</c> on either dialect, then the 2011
/// write-up's queries as typed there, through <c>luarm sql</c>: every figure the
/// write-up shows comes back.
/// </summary>
public sealed partial class IrcBot2011LoadTests
{
    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task The_write_ups_queries_return_the_write_ups_answers(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect, migrate: false);

        var load = await LuarmRun.Of("samples", "load", "irc-bot-2011", "--store", test.ConnectionString);

        Assert.True(load.ExitCode == 0, load.Error);
        Assert.Contains("loaded irc-bot-2011 into ", load.Output);
        Assert.Equal("963", Scalar(await Sql(test, "select COUNT(*) from netinfo where destfqdn='undernet.irc.justedge.net' ;")));
        // The write-up's stray space: trailing spaces do not count in comparisons, on both dialects.
        Assert.Equal("1408", Scalar(await Sql(test, "select COUNT(*) from netinfo where destfqdn='dana.basefreak.nl ' ;")));
        Assert.Equal(Enumerable.Repeat("| crond       | nobody   | 7371 |", 5),
            DataLines(await Sql(test, "select application,username,pid from netinfo where destfqdn='dana.basefreak.nl' LIMIT 5;")));
        Assert.Equal(Enumerable.Repeat("| crond       | nobody   | 21995 |", 10),
            DataLines(await Sql(test, "select application,username,pid from netinfo where destfqdn='undernet.irc.justedge.net' LIMIT 10;")));
        Assert.Equal("57", Scalar(await Sql(test, "select COUNT(*) from psinfo where username='nobody' ;")));

        var nobody = await Sql(test, "select command,username,arguments,pid,ppid from psinfo where username='nobody' \\G;");
        Assert.EndsWith(
            """
            *************************** 56. row ***************************
              command: /usr/bin/perl
             username: nobody
            arguments: ./x 79.125.109.171 0 0
                  pid: 9253
                 ppid: 8343
            *************************** 57. row ***************************
              command: /usr/bin/perl
             username: nobody
            arguments: ./x 85.121.125.74 0 0
                  pid: 29312
                 ppid: 8343
            """.ReplaceLineEndings("\n"),
            WithoutTiming(nobody, 57));

        var bot = await Sql(test, "select sourceport,destport,cday,chour,cmin  from netinfo where username='nobody' AND pid='29312' \\G;");
        Assert.EndsWith(
            """
            *************************** 523. row ***************************
            sourceport: 32767
              destport: 6670
                  cday: 5
                 chour: 7
                  cmin: 12
            *************************** 524. row ***************************
            sourceport: 32767
              destport: 6670
                  cday: 5
                 chour: 7
                  cmin: 13
            *************************** 525. row ***************************
            sourceport: 0
              destport: 0
                  cday: 5
                 chour: 19
                  cmin: 0
            """.ReplaceLineEndings("\n"),
            WithoutTiming(bot, 525));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task The_bot_is_amid_other_users_activity_over_five_days(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        Assert.Equal(0, (await LuarmRun.Of("samples", "load", "irc-bot-2011", "--store", test.ConnectionString)).ExitCode);

        var users = await new SqlQuery(test.Store).RunAsync("select distinct username from psinfo where username <> 'nobody' order by username");
        var days = await new SqlQuery(test.Store).RunAsync("select distinct cday from psinfo where username in ('alice', 'bob') order by cday");
        var logins = await new SqlQuery(test.Store).RunAsync("select count(*) from logins");

        Assert.Superset(new HashSet<string> { "alice", "bob", "carol", "root" }, users.Rows.Select(r => (string)r[0]!).ToHashSet());
        Assert.Equal([1L, 2L, 3L, 4L, 5L], days.Rows.Select(r => Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(Convert.ToInt64(logins.Rows.Single()[0], System.Globalization.CultureInfo.InvariantCulture) > 10);
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Loading_twice_into_one_store_is_refused_and_adds_nothing(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        Assert.Equal(0, (await LuarmRun.Of("samples", "load", "irc-bot-2011", "--store", test.ConnectionString)).ExitCode);
        var before = await Counts(test);

        var again = await LuarmRun.Of("samples", "load", "irc-bot-2011", "--store", test.ConnectionString);

        Assert.Contains("the sample irc-bot-2011 is already loaded into ", again.SingleErrorLine(ExitCodes.Config));
        Assert.Equal(before, await Counts(test));
    }

    [Fact]
    public async Task A_load_cut_short_is_completed_by_loading_again()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);
        Assert.Equal(0, (await LuarmRun.Of("samples", "load", "irc-bot-2011", "--store", test.ConnectionString)).ExitCode);
        var whole = await Counts(test);
        // As if the load had stopped after psinfo: the later tables' rows and batches are not there.
        await test.Store.RunAsync(async connection =>
        {
            await connection.ExecuteAsync("DELETE FROM netinfo; DELETE FROM fileinfo; DELETE FROM logins; DELETE FROM uploads WHERE batch > 0");
            return 0;
        });

        var again = await LuarmRun.Of("samples", "load", "irc-bot-2011", "--store", test.ConnectionString);

        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("completing an earlier load that was cut short", again.Output);
        Assert.DoesNotContain(" psinfo", again.Output);
        Assert.Equal(whole, await Counts(test));
    }

    [Fact]
    public async Task An_unknown_sample_is_a_usage_error_pointing_at_the_list()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);

        var run = await LuarmRun.Of("samples", "load", "irc-bot-2012", "--store", test.ConnectionString);

        Assert.Contains("see 'luarm samples list'", run.SingleErrorLine(ExitCodes.Usage));
    }

    [Fact]
    public async Task Samples_list_names_the_sample_and_its_file()
    {
        var run = await LuarmRun.Of("samples", "list");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"(?m)^irc-bot-2011\t.*\t/\S+/samples/irc-bot-2011/facts\.jsonl\.gz$", run.Output);
    }

    private static async Task<string> Sql(TestStore test, string query)
    {
        var run = await LuarmRun.Of("sql", "--store", test.ConnectionString, query);
        Assert.True(run.ExitCode == 0, $"{query}\n{run.Error}");
        return run.Output;
    }

    /// <summary>The rows of a console table: the lines between its second and last border.</summary>
    private static string[] DataLines(string grid)
    {
        var lines = grid.Split('\n');
        var borders = lines.Select((line, i) => (line, i)).Where(l => l.line.StartsWith("+-", StringComparison.Ordinal)).Select(l => l.i).ToArray();
        return lines[(borders[1] + 1)..borders[^1]].Select(l => l.TrimEnd()).ToArray();
    }

    /// <summary>The one value of a one-row, one-column table.</summary>
    private static string Scalar(string grid) => DataLines(grid).Single().Trim('|', ' ');

    /// <summary>The output without its last line, after checking that line counts <paramref name="rows"/> rows.</summary>
    private static string WithoutTiming(string output, int rows)
    {
        var text = output.TrimEnd('\n');
        var last = text.LastIndexOf('\n');
        Assert.Matches(RowsInSet(), text[(last + 1)..]);
        Assert.StartsWith($"{rows} rows in set", text[(last + 1)..]);
        return text[..last];
    }

    private static Task<(long, long, long, long)> Counts(TestStore test) =>
        test.Store.RunAsync(async connection => (
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM psinfo"),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM netinfo"),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM fileinfo"),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM logins")));

    [GeneratedRegex(@"^\d+ rows in set \(\d+\.\d\d sec\)$")]
    private static partial Regex RowsInSet();
}
