using Luarm.Agent.Pipeline;
using Luarm.Agent.Tests.Support;
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

    [Fact]
    public async Task A_chunk_the_reachable_store_refuses_is_kept_aside_and_the_other_rows_still_arrive()
    {
        await using var test = await TestStore.CreateAsync(StoreDialect.Sqlite);
        var logger = new ListLogger();
        var queue = new FactQueue(100);
        queue.Add(new ProcessFact { Pid = 1, Command = null!, Created = T0 });
        queue.Add(Endpoint(pid: 1, T0));
        queue.Complete();

        await NewUploader(test.Store, logger).RunAsync(queue, CancellationToken.None);

        Assert.Single(await new FactReader(test.Store).ReadAfterAsync<EndpointFact>(0, 10));
        var rejected = Assert.Single(Directory.GetFiles(Path.Combine(_spool.FullName, "rejected")));
        Assert.EndsWith(".psinfo.1.jsonl", rejected);
        Assert.Contains("\"Pid\":1", await File.ReadAllTextAsync(rejected));
        Assert.Contains(logger.Lines, line => line.StartsWith("Error: the store refused 1 psinfo row(s)", StringComparison.Ordinal));
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
