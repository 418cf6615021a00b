using System.Data.Common;
using Luarm.Store.Access;
using Luarm.Store.Facts;
using Luarm.Store.Vocabulary;

namespace Luarm.Benchmarks;

/// <summary>
/// The baseline: one INSERT statement per row, each its own (autocommit)
/// transaction, as the 2011 agents wrote. It is the kindest form of it: one
/// open connection and a statement prepared once.
/// </summary>
public sealed class SingleRowInsert : IAsyncDisposable
{
    private readonly FactStore _store;
    private readonly DbConnection _connection;
    private readonly DbCommand _insert;
    private readonly IReadOnlyList<FactColumn> _columns;

    private SingleRowInsert(FactStore store, DbConnection connection, DbCommand insert, IReadOnlyList<FactColumn> columns)
    {
        _store = store;
        _connection = connection;
        _insert = insert;
        _columns = columns;
    }

    public static async Task<SingleRowInsert> OpenAsync(FactStore store)
    {
        var table = FactTable.Of<EndpointFact>();
        var connection = await store.OpenAsync();
        var insert = connection.CreateCommand();
        insert.CommandText =
            $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Name))}) " +
            $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => "@p" + i))})";
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = "@p" + i;
            parameter.Value = DBNull.Value;
            insert.Parameters.Add(parameter);
        }
        await insert.PrepareAsync();
        return new SingleRowInsert(store, connection, insert, table.Columns);
    }

    public async Task InsertAsync(EndpointFact row)
    {
        for (var i = 0; i < _columns.Count; i++)
        {
            _insert.Parameters[i].Value = _store.ToParameter(_columns[i].Read(row));
        }
        await _insert.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _insert.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
