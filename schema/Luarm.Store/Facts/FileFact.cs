using Luarm.Store.Vocabulary;

namespace Luarm.Store.Facts;

/// <summary>A file access by a process: one row of <c>fileinfo</c>.</summary>
[FactTable("fileinfo", "fileaccess", Kind = "file")]
public sealed class FileFact : IFact
{
    long IFact.Id => FileAccess;

    public long FileAccess { get; set; }
    public int HostId { get; set; }
    public string Filename { get; set; } = "";

    /// <summary>open, read, write, close_write, exec ... as the kernel reported it.</summary>
    public string AccessType { get; set; } = "";
    public string Username { get; set; } = "";
    public int? Uid { get; set; }
    public string Command { get; set; } = "";
    public int Pid { get; set; }
    public int Ppid { get; set; }
    public string? Md5Sum { get; set; }

    /// <summary>The audit login uid: who logged in, unchanged by sudo or su. NULL when unknown or unset.</summary>
    public int? LoginUid { get; set; }

    /// <summary>The name of <see cref="LoginUid"/> on the host when the fact was seen.</summary>
    public string? LoginName { get; set; }

    /// <summary>The kernel's audit session id. NULL when unknown or unset.</summary>
    public long? SessionId { get; set; }

    /// <summary>allowed, or denied when the kernel refused the access (EACCES, EPERM).</summary>
    public string? Outcome { get; set; }

    public DateTime Created { get; set; }
    public DateTime? Destroyed { get; set; }
}
