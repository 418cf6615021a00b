using System.Reflection;

namespace Luarm.Rules.Model;

/// <summary>One column of a fact kind: its store name, the property behind it, a compiled reader and writer.</summary>
public sealed record FactField(string Name, PropertyInfo Property, FieldType Type, Func<object, object?> Read, Action<object, object?> Write)
{
    /// <summary>The property's type without <see cref="Nullable{T}"/>.</summary>
    public Type ValueType => Nullable.GetUnderlyingType(Property.PropertyType) ?? Property.PropertyType;

    public bool IsNullableValue => Nullable.GetUnderlyingType(Property.PropertyType) is not null;
}
