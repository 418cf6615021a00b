using System.Reflection;
using Luarm.Store.Access;

namespace Luarm.Store.Schema;

/// <summary>The migration scripts of a dialect, embedded from schema/mysql and schema/sqlite.</summary>
public static class MigrationScripts
{
    public static IReadOnlyList<Migration> For(StoreDialect dialect)
    {
        var prefix = $"migrations/{(dialect == StoreDialect.MySql ? "mysql" : "sqlite")}/";
        var assembly = typeof(MigrationScripts).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name => Load(assembly, name, name[prefix.Length..]))
            .OrderBy(m => m.Version)
            .ToArray();
    }

    private static Migration Load(Assembly assembly, string resource, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var version = int.Parse(fileName.AsSpan(0, fileName.IndexOf('_')), System.Globalization.CultureInfo.InvariantCulture);
        return new Migration(version, Path.GetFileNameWithoutExtension(fileName)[(fileName.IndexOf('_') + 1)..], reader.ReadToEnd());
    }
}
