using System.Collections.Frozen;
using System.Linq.Expressions;
using System.Reflection;
using Luarm.Store.Facts;
using Luarm.Store.Vocabulary;

namespace Luarm.Rules.Model;

/// <summary>
/// A kind of fact rules match on (process, endpoint, file, device, login), seen
/// through the store's vocabulary: fields are the table's columns, id included.
/// </summary>
public sealed class FactKind
{
    private FactKind(FactTable table)
    {
        Table = table;
        Name = table.Kind!;
        var fields = new Dictionary<string, FactField>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in table.RowType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            fields[property.Name.ToLowerInvariant()] = ToField(property);
        }
        Fields = fields;
        Id = fields[table.IdColumn];
        HostId = fields["hostid"];
        Created = fields["created"];
    }

    public static IReadOnlyList<FactKind> All { get; } = FactTables.Facts.Select(t => new FactKind(t)).ToArray();

    public string Name { get; }
    public FactTable Table { get; }
    public Type RowType => Table.RowType;
    public IReadOnlyDictionary<string, FactField> Fields { get; }
    public FactField Id { get; }
    public FactField HostId { get; }

    /// <summary>Event time: every window and ordering is measured on it.</summary>
    public FactField Created { get; }

    /// <summary>Finds a kind by its rule name (process) or its table name (psinfo).</summary>
    public static FactKind? Find(string name) =>
        All.FirstOrDefault(k => k.Name.Equals(name, StringComparison.OrdinalIgnoreCase) || k.Table.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    public static FactKind Of(Type rowType) => ByType[rowType];

    private static readonly FrozenDictionary<Type, FactKind> ByType = All.ToFrozenDictionary(k => k.RowType);

    public static IEnumerable<string> Names => All.Select(k => k.Name);

    public FactField? Field(string name) => Fields.GetValueOrDefault(name);

    public long IdOf(object fact) => ((IFact)fact).Id;

    private static FactField ToField(PropertyInfo property)
    {
        var row = Expression.Parameter(typeof(object), "row");
        var value = Expression.Property(Expression.Convert(row, property.DeclaringType!), property);
        var read = Expression.Lambda<Func<object, object?>>(Expression.Convert(value, typeof(object)), row).Compile();
        var given = Expression.Parameter(typeof(object), "value");
        var write = Expression.Lambda<Action<object, object?>>(
            Expression.Assign(value, Expression.Convert(given, property.PropertyType)), row, given).Compile();
        return new FactField(property.Name.ToLowerInvariant(), property, TypeOf(property.PropertyType), read, write);
    }

    private static FieldType TypeOf(Type type)
    {
        var value = Nullable.GetUnderlyingType(type) ?? type;
        if (value == typeof(string))
        {
            return FieldType.Text;
        }
        return value == typeof(DateTime) ? FieldType.Time : FieldType.Number;
    }
}
