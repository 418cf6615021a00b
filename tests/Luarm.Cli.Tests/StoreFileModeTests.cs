using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;

namespace Luarm.Cli.Tests;

/// <summary>
/// The embedded store holds every command line and file name of the host: only its
/// owner may read it, whatever the umask (the tests run with root's usual 022).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class StoreFileModeTests : IDisposable
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("luarm-modes-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_new_store_is_0600_with_its_wal_and_shm_in_a_new_0700_folder()
    {
        var store = Path.Combine(_folder.FullName, "var", "luarm.db");

        var migrated = await LuarmRun.Of("schema", "migrate", "--store", store);

        Assert.Equal(0, migrated.ExitCode);
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.GetDirectoryName(store)!));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(store));
        using var connection = new SqliteConnection($"Data Source={store};Pooling=False");
        connection.Open();
        using var write = connection.CreateCommand();
        write.CommandText = "CREATE TABLE mode_probe (n INTEGER); INSERT INTO mode_probe VALUES (1)";
        write.ExecuteNonQuery();
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(store + "-wal"));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(store + "-shm"));
    }

    [Fact]
    public async Task An_existing_folder_keeps_its_mode()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder.FullName, "shared"));
        File.SetUnixFileMode(folder.FullName, OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

        var migrated = await LuarmRun.Of("schema", "migrate", "--store", Path.Combine(folder.FullName, "luarm.db"));

        Assert.Equal(0, migrated.ExitCode);
        Assert.Equal(OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode(folder.FullName));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(folder.FullName, "luarm.db")));
    }
}
