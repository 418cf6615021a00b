using Luarm.Store.Access;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Luarm.Store.Health;
using Luarm.Store.Inventory;

namespace Luarm.Store.Vocabulary;

/// <summary>Every table an agent appends to: the one list of the fact vocabulary.</summary>
public static class FactTables
{
    /// <summary>The fact kinds that rules match on: LUARM's four and login sessions.</summary>
    public static IReadOnlyList<FactTable> Facts { get; } =
    [
        FactTable.Of<ProcessFact>(),
        FactTable.Of<EndpointFact>(),
        FactTable.Of<FileFact>(),
        FactTable.Of<DeviceFact>(),
        FactTable.Of<LoginFact>(),
    ];

    public static IReadOnlyList<FactTable> Inventory { get; } =
    [
        FactTable.Of<HostInventory>(),
        FactTable.Of<UserAccount>(),
        FactTable.Of<UserGroup>(),
        FactTable.Of<NetInterface>(),
        FactTable.Of<NetRoute>(),
    ];

    /// <summary>The ends of <see cref="Facts"/>: what the engine follows besides the facts.</summary>
    public static IReadOnlyList<FactTable> FactEnds { get; } =
    [
        FactTable.Of<ProcessEnd>(),
        FactTable.Of<EndpointEnd>(),
        FactTable.Of<DeviceEnd>(),
        FactTable.Of<LoginEnd>(),
    ];

    /// <summary>Every end table: those of the facts and the inventory's.</summary>
    public static IReadOnlyList<FactTable> Ends { get; } = [.. FactEnds, FactTable.Of<InventoryEnd>()];

    /// <summary>What the agent says about its own sources: events they lost.</summary>
    public static IReadOnlyList<FactTable> Health { get; } = [FactTable.Of<AgentLoss>()];

    /// <summary>What a host account may INSERT into, and nothing else.</summary>
    public static IReadOnlyList<FactTable> Appendable { get; } = [.. Facts, .. Inventory, .. Ends, .. Health];

    /// <summary>Every table a host account may INSERT into: the appendable ones and the ledger of uploaded batches.</summary>
    public static IReadOnlyList<string> HostInsertable { get; } = [.. Appendable.Select(table => table.Name), UploadLedger.Table];

    public static FactTable? ByKind(string kind) =>
        Facts.FirstOrDefault(t => string.Equals(t.Kind, kind, StringComparison.OrdinalIgnoreCase));
}
