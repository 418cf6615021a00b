using System.Diagnostics;

namespace Luarm.Agent.Tests.Support;

/// <summary>
/// A shell that logs in as pam_loginuid does: it writes a login uid into
/// /proc/self/loginuid, which gives it a new audit session (4294967295 unsets both), prints that session
/// id and then runs <paramref name="command"/> (which inherits both).
/// </summary>
public sealed class AuditSession : IDisposable
{
    private readonly Process _shell;

    public AuditSession(long loginUid, string command)
    {
        _shell = Process.Start(new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", $"echo {loginUid} > /proc/self/loginuid && cat /proc/self/sessionid && echo && exec {command}" },
            RedirectStandardOutput = true,
        })!;
        var line = _shell.StandardOutput.ReadLine() ?? throw new InvalidOperationException("the shell could not set its login uid");
        SessionId = long.Parse(line, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The pid of the shell, and after its exec of the command's process.</summary>
    public int Pid => _shell.Id;

    public long SessionId { get; }

    /// <summary>The next line the command prints.</summary>
    public string? ReadLine() => _shell.StandardOutput.ReadLine();

    public bool WaitForExit(TimeSpan within) => _shell.WaitForExit(within);

    public void Dispose()
    {
        if (!_shell.HasExited)
        {
            _shell.Kill(entireProcessTree: true);
        }
        _shell.Dispose();
    }
}
