using Luarm.Store.Access;
using Luarm.Store.Errors;
using Luarm.Store.Hosts;
using Luarm.Store.Schema;
using Luarm.Store.Vocabulary;

namespace Luarm.Cli.Samples;

/// <summary>What a load appended: rows per table, and whether an earlier, interrupted load had stored some already.</summary>
public sealed record SampleLoad(int HostId, IReadOnlyList<(string Table, int Rows)> Appended, bool Resumed);

/// <summary>
/// Loads a sample into a store through the same path as an agent's uploads:
/// migrations first, then a host of the sample's name (with no account), then
/// each table's rows as one batch of the upload ledger. A batch stored before is
/// not stored again, so a second load adds nothing and is refused, and a load
/// cut short is completed by running it again.
/// </summary>
public sealed class SampleLoader(FactStore store)
{
    public async Task<SampleLoad> LoadAsync(SampleDataset sample, CancellationToken cancel = default)
    {
        await new Migrator(store).MigrateAsync(cancel);
        var hosts = new HostRegistry(store);
        var existing = await hosts.FindAsync(sample.Name, cancel);
        var hostId = existing?.HostId ?? await hosts.AddWithoutAccountAsync(sample.Name, cancel);
        var writer = new FactWriter(store);
        var appended = new List<(string, int)>();
        var skipped = 0;
        // Vocabulary order, as the agent's uploader appends; each table's rows keep the file's (id) order.
        var byTable = sample.ReadRows(hostId).GroupBy(row => row.GetType()).ToDictionary(group => group.Key, group => group.ToList());
        foreach (var (table, sequence) in FactTables.Facts.Select((table, i) => (table, (long)i)))
        {
            if (!byTable.TryGetValue(table.RowType, out var rows))
            {
                continue;
            }
            if (await writer.AppendOnceAsync(table, rows, new UploadBatch($"sample {sample.Name}", sequence), hostId, cancel))
            {
                appended.Add((table.Name, rows.Count));
            }
            else
            {
                skipped++;
            }
        }
        if (appended.Count == 0)
        {
            throw new StoreException($"the sample {sample.Name} is already loaded into {store.Location} (hostid {hostId}); nothing was added. Load it into another store, e.g. --store /tmp/{sample.Name}.db");
        }
        return new SampleLoad(hostId, appended, Resumed: skipped > 0);
    }
}
