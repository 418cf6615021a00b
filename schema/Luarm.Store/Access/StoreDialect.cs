namespace Luarm.Store.Access;

public enum StoreDialect
{
    /// <summary>Embedded, one file on the audited host: the default.</summary>
    Sqlite,

    /// <summary>A central MariaDB or MySQL server for a fleet.</summary>
    MySql,
}
