using Luarm.Rules.Compilation;
using Luarm.Rules.Diagnostics;
using Luarm.Rules.Fixtures;
using Luarm.Rules.Loading;
using Luarm.Rules.Testing;
using Luarm.Store.Access;
using Luarm.Store.Alerts;
using Luarm.Testing;

namespace Luarm.Rules.Tests;

/// <summary>An incident in the store becomes a fixture file, and the fixture a rule test.</summary>
public sealed class RecordingTests : IAsyncLifetime
{
    private TestStore _store = null!;
    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("luarm-record-");

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(StoreDialect.Sqlite);
        var writer = new FactWriter(_store.Store);
        await writer.AppendAsync(IncidentDataset.Processes.ToArray());
        await writer.AppendAsync(IncidentDataset.Endpoints.ToArray());
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _output.Delete(recursive: true);
    }

    private Task<IReadOnlyList<object>> RecordAsync(DateTime from, DateTime to) =>
        new FixtureRecorder(_store.Store).ReadAsync(IncidentDataset.HostId, from, to);

    [Fact]
    public async Task Recording_takes_the_hosts_rows_of_the_time_range_only()
    {
        var day = await RecordAsync(IncidentDataset.Day, IncidentDataset.Day.AddDays(1));
        Assert.Equal(IncidentDataset.Processes.Count + IncidentDataset.Endpoints.Count, day.Count);
        var evening = await RecordAsync(IncidentDataset.Day.AddHours(7), IncidentDataset.Day.AddHours(8));
        Assert.Equal(1 + IncidentDataset.BotConnectionsOn6670, evening.Count);
        Assert.Empty(await new FixtureRecorder(_store.Store).ReadAsync(IncidentDataset.HostId + 1, IncidentDataset.Day, IncidentDataset.Day.AddDays(1)));
    }

    [Theory]
    [InlineData("incident.jsonl")]
    [InlineData("incident.yaml")]
    public async Task A_written_fixture_reads_back_as_the_same_rows(string name)
    {
        var recorded = await RecordAsync(IncidentDataset.Day, IncidentDataset.Day.AddDays(1));
        var path = Path.Combine(_output.FullName, name);
        await FixtureWriter.WriteAsync(path, recorded);
        var diagnostics = new DiagnosticBag();
        var read = FixtureFile.Read(path, DateTime.UnixEpoch, diagnostics);
        Assert.Empty(diagnostics.Items);
        Assert.Equal(recorded.Select(FixtureWriter.Row), read.Select(FixtureWriter.Row));
    }

    [Fact]
    public async Task The_shipped_incident_fixture_is_what_recording_the_incident_writes()
    {
        var recorded = await RecordAsync(IncidentDataset.Day, IncidentDataset.Day.AddDays(1));
        var shipped = Path.Combine(RepositoryPaths.Rules, "fixtures", "incident-2011.jsonl");
        var fresh = Path.Combine(_output.FullName, "fresh.jsonl");
        await FixtureWriter.WriteAsync(fresh, recorded);
        Assert.Equal(await File.ReadAllTextAsync(fresh), await File.ReadAllTextAsync(shipped));
    }

    [Fact]
    public async Task The_recorded_incident_raises_the_irc_bot_alert_with_its_store_rows_as_evidence()
    {
        var recorded = await RecordAsync(IncidentDataset.Day, IncidentDataset.Day.AddDays(1));
        var rule = RuleSetLoader.Load(RepositoryPaths.Rules).Rules.Single(r => r.Id == "LUARM-IRC-001");
        var alerts = RuleTestRunner.Evaluate(CompiledRuleSet.Compile([rule]), recorded, now: null);
        var alert = Assert.Single(alerts);
        var bot = Assert.Single(recorded.OfType<Store.Facts.ProcessFact>(), p => p.Pid == 29312);
        var firstConnection = recorded.OfType<Store.Facts.EndpointFact>().Where(e => e.Pid == 29312).MinBy(e => e.EndpointInfo)!;
        Assert.Equal([new Evidence("netinfo", firstConnection.EndpointInfo), new Evidence("psinfo", bot.PsEntity)], alert.Evidence);
        Assert.Equal(IncidentDataset.BotConnectionsOn6670, alert.HitCount);
        Assert.Equal("critical", alert.Severity);
    }
}
