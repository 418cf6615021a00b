namespace Luarm.Agent.Pipeline;

/// <summary>
/// Folders (0700) and files (0600) only their owner may read: the spool holds
/// what users typed (arguments, paths), which nobody else on the host should see.
/// </summary>
internal static class OwnerOnly
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder, or tightens one made by an older version or by hand.</summary>
    public static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            throw NotLinux();
        }
        Directory.CreateDirectory(folder, FolderMode);
        File.SetUnixFileMode(folder, FolderMode);
    }

    /// <summary>Tightens a file written before files were created 0600.</summary>
    public static void Tighten(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            throw NotLinux();
        }
        File.SetUnixFileMode(file, FileMode);
    }

    /// <summary>Creates (or truncates) a file for writing, 0600 from its first byte.</summary>
    public static FileStream Create(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            throw NotLinux();
        }
        return new FileStream(file, new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write, UnixCreateMode = FileMode });
    }

    private static PlatformNotSupportedException NotLinux() => new("the agent runs on Linux");
}
