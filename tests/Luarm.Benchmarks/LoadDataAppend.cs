using System.Data;
using Luarm.Store.Access;
using Luarm.Store.Facts;
using Luarm.Store.Vocabulary;
using MySqlConnector;

namespace Luarm.Benchmarks;

/// <summary>
/// A remedy measured, not adopted: MariaDB's LOAD DATA LOCAL INFILE through
/// MySqlBulkCopy, in one transaction. It needs AllowLoadLocalInfile=true on the
/// client (a security opt-in agents' connection strings do not carry) and
/// local_infile on the server, and it turns bad values into warnings, so it
/// must refuse a batch with any warning to stay all or nothing.
/// </summary>
public static class LoadDataAppend
{
    public static async Task AppendAsync(string connectionString, EndpointFact[] rows)
    {
        var columns = FactTable.Of<EndpointFact>().Columns;
        var table = new DataTable();
        foreach (var column in columns)
        {
            table.Columns.Add(column.Name, Nullable.GetUnderlyingType(column.ClrType) ?? column.ClrType);
        }
        var store = FactStore.Open(connectionString);
        var values = new object[columns.Count];
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                values[i] = store.ToParameter(columns[i].Read(row));
            }
            table.Rows.Add(values);
        }
        await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(connectionString) { AllowLoadLocalInfile = true }.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var copy = new MySqlBulkCopy(connection, transaction) { DestinationTableName = "netinfo" };
        for (var i = 0; i < columns.Count; i++)
        {
            copy.ColumnMappings.Add(new MySqlBulkCopyColumnMapping(i, columns[i].Name));
        }
        var result = await copy.WriteToServerAsync(table);
        if (result.Warnings.Count > 0 || result.RowsInserted != rows.Length)
        {
            throw new InvalidOperationException($"LOAD DATA stored {result.RowsInserted} of {rows.Length} rows with {result.Warnings.Count} warnings; first: {result.Warnings.FirstOrDefault()?.Message}");
        }
        await transaction.CommitAsync();
    }
}
