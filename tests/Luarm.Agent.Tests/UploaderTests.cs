using Dapper;
using Luarm.Agent.Pipeline;
using Luarm.Agent.Tests.Support;
using Luarm.Cli;
using Luarm.Store.Access;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Luarm.Store.Hosts;
using Luarm.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Agent.Tests;

/// <summary>The uploader against real stores: batches arrive, outages spool, nothing is lost or doubled.</summary>
public sealed class UploaderTests : IDisposable
{
    private static readonly DateTime T0 = new(2011, 2, 5, 7, 12, 0, DateTimeKind.Utc);
    private readonly DirectoryInfo _spool = Directory.CreateTempSubdirectory("luarm-spool-");

    public void Dispose() => _spool.Delete(recursive: true);

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task Rows_reach_the_store_and_an_end_in_the_same_batch_closes_its_fact(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var queue = new FactQueue(100);
        queue.Add(Process(pid: 29312, T0));
        queue.Add(Endpoint(pid: 29312, T0));
        queue.Add(new ProcessEnd { Pid = 29312, Created = T0, Destroyed = T0.AddMinutes(5) });
        queue.Add(new EndpointEnd { Pid = 29312, Transport = "tcp", SourceIp = "10.0.0.5", SourcePort = 32767, DestIp = "85.121.125.74", DestPort = 6670, Destroyed = T0.AddMinutes(1) });
        queue.Complete();

        await NewUploader(test.Store).RunAsync(queue, CancellationToken.None);

        var process = Assert.Single(await new FactReader(test.Store).ReadAfterAsync<ProcessFact>(0, 10));
        Assert.Equal(("/usr/bin/perl", "./x 85.121.125.74 0 0", T0.AddMinutes(5)), (process.Command, process.Arguments, process.Destroyed));
        var endpoint = Assert.Single(await new FactReader(test.Store).ReadAfterAsync<EndpointFact>(0, 10));
        Assert.Equal(T0.AddMinutes(1), endpoint.Destroyed);
        if (dialect == StoreDialect.Sqlite)
        {
            var host = await new HostRegistry(test.Store).FindAsync("luarm-test-host");
            Assert.Equal(host!.HostId, process.HostId);
        }
        Assert.Empty(SpooledFiles());
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task An_unreachable_store_spools_and_replays_in_order_once_it_is_back_none_lost_none_twice(StoreDialect dialect)
    {
        await using var outage = await StoreOutage.BeginAsync(dialect);
        var logger = new ListLogger();
        var queue = new FactQueue(1000);
        var upload = Task.Run(() => NewUploader(outage.AgentStore, logger).RunAsync(queue, CancellationToken.None));

        AddProcesses(queue, 1, 250);
        await Eventually.True(() => SpooledRows() == 250, "250 rows spooled during the outage");
        Assert.Contains(logger.Lines, line => line.StartsWith("Warning: cannot append", StringComparison.Ordinal));

        await outage.EndAsync();
        // Idle: the spool is replayed without waiting for new rows.
        await Eventually.True(async () => (await Pids(outage.Examiner)).Count == 250, "the spool replayed into the store");
        AddProcesses(queue, 251, 500);
        queue.Complete();
        await upload.WaitAsync(Eventually.Within);

        Assert.Equal(Enumerable.Range(1, 500), await Pids(outage.Examiner));
        Assert.Empty(SpooledFiles());
        Assert.Contains(logger.Lines, line => line.Contains("replayed 250 spooled row(s)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_row_the_schema_cannot_hold_is_split_out_of_its_chunk_and_set_aside_while_the_other_rows_land(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var logger = new ListLogger();
        var queue = new FactQueue(200);
        for (var pid = 1; pid <= 100; pid++)
        {
            queue.Add(pid == 37 ? Unstorable(dialect, pid) : Endpoint(pid, T0));
        }
        queue.Complete();

        await NewUploader(test.Store, logger).RunAsync(queue, CancellationToken.None);

        var stored = await new FactReader(test.Store).ReadAfterAsync<EndpointFact>(0, 1000);
        Assert.Equal(Enumerable.Range(1, 100).Where(pid => pid != 37), stored.Select(e => e.Pid));
        var rejected = Assert.Single(Directory.GetFiles(Path.Combine(_spool.FullName, "rejected")));
        Assert.Matches(@"^\d{12}\.netinfo\.1\.[0-9a-f]{16}-1\.jsonl$", Path.GetFileName(rejected));
        Assert.Contains("\"Pid\":37", await File.ReadAllTextAsync(rejected));
        Assert.Contains(logger.Lines, line => line.StartsWith("Error: ", StringComparison.Ordinal) && line.Contains("cannot hold 1 of 100 netinfo row(s)", StringComparison.Ordinal));
        Assert.Empty(SpooledFiles());
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_spooled_chunk_that_was_committed_before_a_crash_is_replayed_without_storing_it_twice(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var registered = (await new HostRegistry(test.Store).AddAsync("luarm-test-host")).HostId;
        // On MariaDB the server stamps hostid from the account; the admin account used here keeps the 0 the agent sends.
        var hostId = dialect == StoreDialect.MySql ? 0 : registered;
        var logger = new ListLogger();
        // The previous run committed the chunk, then died before it removed the chunk's spool file.
        var chunk = Pipeline.Chunk.Split(Enumerable.Range(1, 50).Select(pid => (object)Process(pid, T0)), new UploadBatches().Next).Single();
        Assert.True(await new FactWriter(test.Store).AppendOnceAsync(chunk.Rows.Cast<ProcessFact>().ToList(), chunk.Batch, hostId));
        new Spool(_spool.FullName, long.MaxValue, logger).Add(chunk);
        var queue = new FactQueue(100);
        AddProcesses(queue, 51, 60);
        queue.Complete();

        await NewUploader(test.Store, logger).RunAsync(queue, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 60), await Pids(test.Store));
        Assert.Contains(logger.Lines, line => line.Contains($"batch {chunk.Batch.Agent}-1 (50 psinfo row(s)) is already in", StringComparison.Ordinal));
        Assert.Empty(SpooledFiles());
    }

    [Fact]
    public async Task After_a_restart_rejected_files_of_earlier_runs_stay_new_ones_get_names_of_their_own_and_requeue_replays_them()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.MySql);
        var logger = new ListLogger();
        // Three runs on the same spool, each refusing one row (and storing the others): names never collide.
        for (var run = 1; run <= 3; run++)
        {
            var queue = new FactQueue(10);
            queue.Add(Unstorable(StoreDialect.MySql, pid: run * 10));
            queue.Add(Endpoint(run * 10 + 1, T0));
            queue.Complete();
            await NewUploader(test.Store, logger).RunAsync(queue, CancellationToken.None).WaitAsync(Eventually.Within);
        }
        var rejectedFolder = Path.Combine(_spool.FullName, "rejected");
        Assert.Equal(3, Directory.GetFiles(rejectedFolder).Length);
        Assert.Equal([11, 21, 31], await EndpointPids(test.Store));

        // Once the schema can hold them, the documented command puts them back, and the next run replays them.
        await test.Store.RunAsync(c => c.ExecuteAsync("ALTER TABLE netinfo MODIFY md5sum VARCHAR(128) NULL"));
        var output = new StringWriter();
        Assert.Equal(0, await LuarmCli.RunAsync(["agent", "requeue", "--spool", _spool.FullName], output, TextWriter.Null));
        Assert.Equal($"requeued 3 file(s), 3 row(s) into {_spool.FullName}; restart the agent to replay them\n", output.ToString());
        Assert.Empty(Directory.GetFiles(rejectedFolder));
        var next = new FactQueue(10);
        next.Complete();
        await NewUploader(test.Store, logger).RunAsync(next, CancellationToken.None).WaitAsync(Eventually.Within);

        Assert.Equal([10, 11, 20, 21, 30, 31], (await EndpointPids(test.Store)).Order());
        Assert.Empty(SpooledFiles());
    }

    private Uploader NewUploader(FactStore store, ListLogger? logger = null) => new(store, new UploadOptions
    {
        BatchRows = 100,
        FlushInterval = TimeSpan.FromMilliseconds(50),
        RetryDelay = TimeSpan.FromMilliseconds(200),
        SpoolDirectory = _spool.FullName,
        Hostname = "luarm-test-host",
    }, (Microsoft.Extensions.Logging.ILogger?)logger ?? NullLogger.Instance);

    private string[] SpooledFiles() => Directory.GetFiles(_spool.FullName, "*.jsonl");

    private long SpooledRows() => SpooledFiles().Sum(file => File.ReadLines(file).LongCount());

    private static void AddProcesses(FactQueue queue, int firstPid, int lastPid)
    {
        for (var pid = firstPid; pid <= lastPid; pid++)
        {
            queue.Add(Process(pid, T0.AddSeconds(pid)));
        }
    }

    /// <summary>An endpoint the schema cannot hold: a NULL where SQLite wants a value, a transport longer than MariaDB's VARCHAR(16).</summary>
    private static EndpointFact Unstorable(StoreDialect dialect, int pid)
    {
        var endpoint = Endpoint(pid, T0);
        if (dialect == StoreDialect.Sqlite)
        {
            endpoint.Application = null!;
        }
        else
        {
            // Longer than netinfo.md5sum (VARCHAR(64)), a column nothing else copies.
            endpoint.Md5Sum = new string('f', 100);
        }
        return endpoint;
    }

    private static async Task<IReadOnlyList<int>> EndpointPids(FactStore store) =>
        [.. (await new FactReader(store).ReadAfterAsync<EndpointFact>(0, 10_000)).Select(e => e.Pid)];

    private static async Task<IReadOnlyList<int>> Pids(FactStore store) =>
        [.. (await new FactReader(store).ReadAfterAsync<ProcessFact>(0, 10_000)).Select(p => p.Pid)];

    private static ProcessFact Process(int pid, DateTime created) => new()
    {
        Pid = pid,
        Ppid = 8343,
        Username = "nobody",
        Uid = 65534,
        Command = "/usr/bin/perl",
        Arguments = "./x 85.121.125.74 0 0",
        Cwd = "/tmp",
        Created = created,
    };

    private static EndpointFact Endpoint(int pid, DateTime created) => new()
    {
        Transport = "tcp",
        SourceIp = "10.0.0.5",
        SourcePort = 32767,
        DestIp = "85.121.125.74",
        DestPort = 6670,
        IpVersion = 4,
        Username = "nobody",
        Uid = 65534,
        Pid = pid,
        Application = "crond",
        Created = created,
    };
}
