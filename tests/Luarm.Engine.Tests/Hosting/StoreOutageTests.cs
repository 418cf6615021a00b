using Luarm.Engine.Hosting;
using Luarm.Store.Errors;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Luarm.Engine.Tests.Hosting;

public sealed class StoreOutageTests
{
    [Fact]
    public void Many_failures_of_one_outage_are_one_line_and_its_end_one_more()
    {
        var log = new LineLogger();
        var outage = new StoreOutage(log);

        outage.Answered();
        for (var i = 0; i < 50; i++)
        {
            outage.Failed(new StoreException("cannot reach MariaDB db1:3306/luarm"));
        }
        outage.Answered();
        outage.Answered();
        outage.Failed(new StoreException("cannot reach MariaDB db1:3306/luarm"));
        outage.Answered();

        Assert.Equal(4, log.Lines.Count);
        Assert.Equal(["store unreachable", "store reachable again", "store unreachable", "store reachable again"],
            log.Lines.Select(l => l.StartsWith("store unreachable", StringComparison.Ordinal) ? "store unreachable" : l[..21]));
        Assert.Contains("cannot reach MariaDB db1:3306/luarm", log.Lines[0]);
    }

    [Fact]
    public void Only_the_store_failing_counts_as_an_outage()
    {
        Assert.True(StoreOutage.IsStoreFault(new StoreException("x", new InvalidOperationException())));
        Assert.True(StoreOutage.IsStoreFault(new InvalidOperationException("wrapped", new SqliteException("disk I/O error", 10))));
        Assert.True(StoreOutage.IsStoreFault(new Quartz.JobPersistenceException("no connection")));
        Assert.False(StoreOutage.IsStoreFault(new IOException("SMTP server closed the connection")));
        Assert.False(StoreOutage.IsStoreFault(new FormatException("a row the rules cannot read")));
    }

    private sealed class LineLogger : ILogger<StoreOutage>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
