using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Luarm.Testing;

/// <summary>
/// A real <c>luarm</c> process with its output kept; killed (SIGKILL) at the end
/// at the latest. By default the CLI this solution builds, run by <c>dotnet</c>;
/// with <c>LUARM_TEST_CLI</c> set, that file (test.sh points it at the trimmed
/// single-file publish and runs the process tests again on it).
/// </summary>
public sealed class LuarmProcess : IAsyncDisposable
{
    public const string CliVariable = "LUARM_TEST_CLI";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LuarmProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static LuarmProcess Start(params string[] arguments) => StartIn(Environment.CurrentDirectory, arguments);

    /// <summary>Any <c>luarm</c> command, run in <paramref name="workingDirectory"/>.</summary>
    public static LuarmProcess StartIn(string workingDirectory, params string[] arguments) => StartUnder([], workingDirectory, arguments);

    /// <summary>Any <c>luarm</c> command run by <paramref name="wrapper"/> (e.g. <c>setpriv</c> and its options), in <paramref name="workingDirectory"/>.</summary>
    public static LuarmProcess StartUnder(IReadOnlyList<string> wrapper, string workingDirectory, params string[] arguments)
    {
        var published = Environment.GetEnvironmentVariable(CliVariable);
        string[] cli = published is { Length: > 0 } ? [published] : [Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", BuiltCli()];
        string[] command = [.. wrapper, .. cli, .. arguments];
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        var luarm = new LuarmProcess(Process.Start(start)!);
        luarm._process.OutputDataReceived += (_, line) => luarm.Record(line.Data);
        luarm._process.ErrorDataReceived += (_, line) => luarm.Record(line.Data);
        luarm._process.BeginOutputReadLine();
        luarm._process.BeginErrorReadLine();
        return luarm;
    }

    /// <summary>Waits (bounded) until the process printed <paramref name="text"/>; throws with its output otherwise.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan? within = null)
    {
        var patience = within ?? Patience;
        var clock = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (clock.Elapsed > patience || HasExited)
            {
                throw new TimeoutException($"luarm did not print '{text}' within {patience} (exited: {HasExited}); it printed:\n{Output}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Waits (bounded) for the process to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var bounded = new CancellationTokenSource(Patience);
        await _process.WaitForExitAsync(bounded.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown; whatever depends on this process must notice the silence.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as systemd stops a service, and its end within <paramref name="within"/>: an agent then removes the audit rules it added.</summary>
    public async Task StopAsync(TimeSpan within)
    {
        if (_process.HasExited)
        {
            return;
        }
        using (var terminate = Process.Start("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await terminate.WaitForExitAsync();
        }
        await _process.WaitForExitAsync().WaitAsync(within);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>luarm.dll built in the same configuration as these tests.</summary>
    private static string BuiltCli()
    {
        var configuration = typeof(LuarmProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var path = Path.Combine(RepositoryPaths.Root, "engine", "Luarm.Cli", "bin", configuration, framework, "luarm.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build engine/Luarm.Cli ({configuration}) first");
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
