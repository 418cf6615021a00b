using System.Diagnostics;

namespace Luarm.Agent.Tests.Support;

/// <summary>Runs a command (ip, readlink, sh) for a test and fails the test when it fails.</summary>
public static class Shell
{
    public static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {error.Result}");
        }
        return output.Result.TrimEnd('\n');
    }

    /// <summary>The hex digest <paramref name="tool"/> (md5sum, sha256sum) prints for a file.</summary>
    public static string Digest(string tool, string path) => Run(tool, path).Split(' ')[0];

    /// <summary>The uid of a user on this host, as `id -u` tells it.</summary>
    public static int UidOf(string user) => int.Parse(Run("id", "-u", user), System.Globalization.CultureInfo.InvariantCulture);
}
