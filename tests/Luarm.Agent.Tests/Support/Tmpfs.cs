namespace Luarm.Agent.Tests.Support;

/// <summary>A small tmpfs of a test's own (the tests run as root), to fill up on purpose; unmounted on dispose.</summary>
public sealed class Tmpfs : IDisposable
{
    private readonly DirectoryInfo _mountPoint = Directory.CreateTempSubdirectory("luarm-tmpfs-");

    public Tmpfs(int kibibytes)
    {
        Shell.Run("mount", "-t", "tmpfs", "-o", $"size={kibibytes}k,mode=0700", "tmpfs", _mountPoint.FullName);
    }

    public string Path => _mountPoint.FullName;

    private string Filler => System.IO.Path.Combine(Path, "filler");

    /// <summary>Writes a filler file until the disk says it is full.</summary>
    public void Fill()
    {
        var block = new byte[4096];
        using var filler = new FileStream(Filler, FileMode.Append);
        try
        {
            // Bounded: a tmpfs of N KiB takes at most N/4 blocks.
            for (var i = 0; i < 1 << 20; i++)
            {
                filler.Write(block);
                filler.Flush();
            }
        }
        catch (IOException)
        {
            // ENOSPC: full.
            return;
        }
        throw new InvalidOperationException($"{Path} never filled up");
    }

    public void Free() => File.Delete(Filler);

    public void Dispose()
    {
        Shell.Run("umount", "-l", Path);
        _mountPoint.Delete(recursive: true);
    }
}
