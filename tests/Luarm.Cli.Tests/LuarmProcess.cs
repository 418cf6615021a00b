using System.Diagnostics;
using System.Reflection;
using System.Text;
using Luarm.Testing;

namespace Luarm.Cli.Tests;

/// <summary>
/// A real <c>luarm</c> process (the CLI built beside these tests, run by
/// <c>dotnet</c>) with its output kept; killed at the end at the latest.
/// </summary>
internal sealed class LuarmProcess : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LuarmProcess(Process process) => _process = process;

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

    public static LuarmProcess Start(params string[] arguments)
    {
        var configuration = typeof(LuarmProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var cli = Path.Combine(RepositoryPaths.Root, "engine", "Luarm.Cli", "bin", configuration, framework, "luarm.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Prepend(cli))
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

    /// <summary>Waits (bounded) until the process printed <paramref name="text"/>; fails the test with its output otherwise.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var clock = Stopwatch.StartNew();
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < Patience && !HasExited, $"luarm did not print '{text}' within {Patience} (exited: {HasExited}); it printed:\n{Output}");
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
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
