using System.Diagnostics;

namespace Luarm.Benchmarks.AgentBench;

/// <summary>
/// The process storm: a shell loop running <c>/bin/true MARKER i</c> for i from 0, each process
/// living about a millisecond, in a folder of its own so that the recorded cwd can be checked.
/// </summary>
public sealed class Storm(int processes)
{
    public const string Program = "/bin/true";

    public string Marker { get; } = $"luarmbench{Guid.NewGuid():N}"[..18];

    public int Processes => processes;

    /// <summary>The shell's pid: the parent of every process of the storm.</summary>
    public int ShellPid { get; private set; }

    public string Folder { get; } = Directory.CreateTempSubdirectory("luarm-storm-").FullName;

    /// <summary>What the kernel reports as the executable of <see cref="Program"/> (/bin may be a link to /usr/bin).</summary>
    public static string Exe { get; } = new FileInfo(Program).ResolveLinkTarget(returnFinalTarget: true)?.FullName
        ?? (new DirectoryInfo("/bin").LinkTarget is { } bin ? Path.GetFullPath(Path.Combine("/", bin, "true")) : Program);

    public async Task RunAsync()
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"i=0; while [ $i -lt {processes} ]; do {Program} {Marker} $i; i=$((i+1)); done"])
        {
            WorkingDirectory = Folder,
        };
        using var shell = Process.Start(start)!;
        ShellPid = shell.Id;
        await shell.WaitForExitAsync();
    }

    /// <summary>Whether a recorded process of the storm is complete: its argv, cwd, exe and user all right.</summary>
    public bool IsFull(string? arguments, string? cwd, string? exe, string? user) =>
        Index(arguments) is not null && cwd == Folder && exe == Exe && user == "root";

    /// <summary>The i of <c>MARKER i</c>, or null when the arguments are not (all) there.</summary>
    public int? Index(string? arguments)
    {
        var parts = arguments?.Split(' ');
        return parts is [var marker, var i] && marker == Marker && int.TryParse(i, out var index) && index >= 0 && index < processes ? index : null;
    }
}
