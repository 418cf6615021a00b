using System.Linq.Expressions;
using System.Reflection;

namespace Luarm.Store.Vocabulary;

/// <summary>
/// The shape of one table, derived once from its row type: the table name, the
/// id column and the columns an append writes (every property but the id).
/// </summary>
public sealed class FactTable
{
    private FactTable(Type rowType, FactTableAttribute binding)
    {
        RowType = rowType;
        Name = binding.Table;
        IdColumn = binding.IdColumn;
        Kind = binding.Kind;
        var properties = rowType.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var idProperty = properties.SingleOrDefault(p => p.Name.Equals(IdColumn, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"{rowType.Name} has no property for its id column {IdColumn}");
        Columns = properties.Where(p => p != idProperty).Select(ToColumn).ToArray();
        var id = ToColumn(idProperty).Read;
        ReadId = row => (long)id(row)!;
    }

    public Type RowType { get; }
    public string Name { get; }
    public string IdColumn { get; }
    public string? Kind { get; }
    public IReadOnlyList<FactColumn> Columns { get; }
    /// <summary>The row's id (its position in the table, in append order).</summary>
    public Func<object, long> ReadId { get; }

    /// <summary>Id column first, then the appended columns: the column list of a read.</summary>
    public string SelectList => string.Join(", ", Columns.Select(c => c.Name).Prepend(IdColumn));

    public static FactTable Of<T>() => Cache<T>.Table;

    /// <summary>The table of a row type, built once per type (it compiles a reader per column).</summary>
    public static FactTable Of(Type rowType) => ByType.GetOrAdd(rowType, Build);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, FactTable> ByType = new();

    private static FactTable Build(Type rowType) =>
        new(rowType, rowType.GetCustomAttribute<FactTableAttribute>()
            ?? throw new InvalidOperationException($"{rowType.Name} is not bound to a table ([FactTable] missing)"));

    private static FactColumn ToColumn(PropertyInfo property)
    {
        var row = Expression.Parameter(typeof(object), "row");
        var value = Expression.Property(Expression.Convert(row, property.DeclaringType!), property);
        var read = Expression.Lambda<Func<object, object?>>(Expression.Convert(value, typeof(object)), row).Compile();
        return new FactColumn(property.Name.ToLowerInvariant(), property.PropertyType, read);
    }

    private static class Cache<T>
    {
        public static readonly FactTable Table = Of(typeof(T));
    }
}
