using Luarm.Store.Access;
using Luarm.Store.Hosts;
using Luarm.Testing;

namespace Luarm.Store.Tests.Hosts;

/// <summary>A MariaDB store with two registered hosts, web01 and db01, each with its own account; removed on dispose.</summary>
internal sealed class TwoHosts : IAsyncDisposable
{
    private TwoHosts(TestStore test, HostRegistration web01, HostRegistration db01)
    {
        Test = test;
        Web01 = web01;
        Db01 = db01;
    }

    public TestStore Test { get; }
    public HostRegistration Web01 { get; }
    public HostRegistration Db01 { get; }

    public static async Task<TwoHosts> CreateAsync()
    {
        var test = await TestStore.CreateAsync(StoreDialect.MySql);
        var registry = new HostRegistry(test.Store);
        return new TwoHosts(test, await registry.AddAsync("web01"), await registry.AddAsync("db01"));
    }

    public async ValueTask DisposeAsync()
    {
        var registry = new HostRegistry(Test.Store);
        await registry.RemoveAsync("web01");
        await registry.RemoveAsync("db01");
        await Test.DisposeAsync();
    }
}
