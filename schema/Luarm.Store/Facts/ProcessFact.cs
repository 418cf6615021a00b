using Luarm.Store.Vocabulary;

namespace Luarm.Store.Facts;

/// <summary>A process execution: one row of LUARM's <c>psinfo</c>.</summary>
[FactTable("psinfo", "psentity", Kind = "process")]
public sealed class ProcessFact : IFact
{
    long IFact.Id => PsEntity;

    public long PsEntity { get; set; }
    public int HostId { get; set; }
    public string? Md5Sum { get; set; }
    public string Username { get; set; } = "";
    public int? Uid { get; set; }
    public int Pid { get; set; }
    public int Ppid { get; set; }
    public decimal? PCpu { get; set; }
    public decimal? PMem { get; set; }
    public string Command { get; set; } = "";
    public string Arguments { get; set; } = "";
    public string? Cwd { get; set; }
    public string? Exe { get; set; }

    /// <summary>The audit login uid: who logged in, unchanged by sudo or su. NULL when unknown or unset.</summary>
    public int? LoginUid { get; set; }

    /// <summary>The name of <see cref="LoginUid"/> on the host when the fact was seen.</summary>
    public string? LoginName { get; set; }

    /// <summary>The kernel's audit session id. NULL when unknown or unset.</summary>
    public long? SessionId { get; set; }

    /// <summary>SHA-256 of the executable file, beside <see cref="Md5Sum"/>.</summary>
    public string? Sha256 { get; set; }

    /// <summary>exec, fork (a child that did not exec runs its parent's image) or running (there when the agent started).</summary>
    public string? Origin { get; set; }

    public DateTime Created { get; set; }
    public DateTime? Destroyed { get; set; }
}
