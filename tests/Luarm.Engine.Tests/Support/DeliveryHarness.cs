using Luarm.Engine.Alerts;
using Luarm.Engine.Delivery;
using Luarm.Store.Access;
using Luarm.Testing;

namespace Luarm.Engine.Tests.Support;

/// <summary>A seeded store with an outbox and a dispatcher over the given sinks, on a clock the test moves.</summary>
internal sealed class DeliveryHarness : IAsyncDisposable
{
    private readonly TestStore _test;
    private readonly IReadOnlyList<IAlertSink> _sinks;

    private DeliveryHarness(TestStore test, IncidentAlerts incident, IReadOnlyList<IAlertSink> sinks, ManualClock clock, OutboxOptions? options)
    {
        _test = test;
        _sinks = sinks;
        Incident = incident;
        Clock = clock;
        Outbox = new AlertOutbox(test.Store, sinks, options, clock);
        Dispatcher = new OutboxDispatcher(Outbox, new AlertReportReader(test.Store));
    }

    public FactStore Store => _test.Store;
    public IncidentAlerts Incident { get; }
    public ManualClock Clock { get; }
    public AlertOutbox Outbox { get; }
    public OutboxDispatcher Dispatcher { get; }

    public static async Task<DeliveryHarness> CreateAsync(StoreDialect dialect, Func<ManualClock, IReadOnlyList<IAlertSink>> sinks, OutboxOptions? options = null)
    {
        var test = await TestStore.CreateAsync(dialect);
        var clock = new ManualClock();
        return new DeliveryHarness(test, await IncidentAlerts.SeedAsync(test.Store), sinks(clock), clock, options);
    }

    public Task<IReadOnlyList<long>> RaiseAsync(params Store.Alerts.NewAlert[] alerts) => IncidentAlerts.RaiseAsync(Store, Outbox, alerts);

    public async Task<ChannelDispatch> RunOnceAsync(string channel) =>
        (await Dispatcher.RunOnceAsync()).Single(d => d.Channel == channel);

    public async ValueTask DisposeAsync()
    {
        foreach (var sink in _sinks)
        {
            await sink.DisposeAsync();
        }
        await _test.DisposeAsync();
    }
}
