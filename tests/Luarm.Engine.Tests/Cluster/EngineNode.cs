using System.Diagnostics;
using System.Reflection;
using System.Text;
using Luarm.Testing;

namespace Luarm.Engine.Tests.Cluster;

/// <summary>
/// A real <c>luarm</c> process (the CLI this solution builds, run by
/// <c>dotnet</c>), usually <c>luarm engine</c>, its output kept; killed with
/// SIGKILL at the end at the latest.
/// </summary>
internal sealed class EngineNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private EngineNode(Process process) => _process = process;

    public int Pid => _process.Id;

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

    /// <summary>The CLI built beside these tests, in the same configuration.</summary>
    public static string Cli
    {
        get
        {
            var configuration = typeof(EngineNode).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
            var framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
            var path = Path.Combine(RepositoryPaths.Root, "engine", "Luarm.Cli", "bin", configuration, framework, "luarm.dll");
            return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build engine/Luarm.Cli ({configuration}) first");
        }
    }

    public static EngineNode Start(string configPath) =>
        StartCommand(Path.GetDirectoryName(configPath)!, "engine", "--config", configPath);

    /// <summary>Any <c>luarm</c> command, run in <paramref name="workingDirectory"/>.</summary>
    public static EngineNode StartCommand(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments.Prepend(Cli))
        {
            start.ArgumentList.Add(argument);
        }
        var node = new EngineNode(Process.Start(start)!);
        node._process.OutputDataReceived += (_, line) => node.Record(line.Data);
        node._process.ErrorDataReceived += (_, line) => node.Record(line.Data);
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Whether <paramref name="instanceId"/> (a Quartz node id, machine-pid-ticks) is this process.</summary>
    public bool Is(string? instanceId) => instanceId is not null && instanceId.Contains($"-{Pid}-", StringComparison.Ordinal);

    /// <summary>SIGKILL: no shutdown, no check-out; the cluster must notice the silence.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as systemd stops the service, and its end within <paramref name="within"/>: an agent then removes the audit rules it added.</summary>
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
