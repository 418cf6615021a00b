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
    public DateTime Created { get; set; }
    public DateTime? Destroyed { get; set; }
}
