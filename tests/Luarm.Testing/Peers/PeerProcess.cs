using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Luarm.Testing.Peers;

/// <summary>
/// A real server a test runs on a loopback port and stops at the end. A missing
/// program fails the test with the Debian package that brings it (never skips).
/// </summary>
public sealed class PeerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PeerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>What the program printed, for failure messages.</summary>
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

    public static string Find(string program, string debianPackage)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/usr/bin", "/sbin"])
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException(
            $"{program} is not installed: this test runs it as a real peer; install the Debian package {debianPackage} (./test.sh does)");
    }

    /// <summary>Starts the program and waits until it accepts TCP connections on 127.0.0.1:<paramref name="readyPort"/>.</summary>
    public static async Task<PeerProcess> StartAsync(string program, IEnumerable<string> arguments, int readyPort, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var peer = new PeerProcess(Process.Start(start)!);
        peer._process.OutputDataReceived += (_, line) => peer.Record(line.Data);
        peer._process.ErrorDataReceived += (_, line) => peer.Record(line.Data);
        peer._process.BeginOutputReadLine();
        peer._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await AcceptsAsync(readyPort))
        {
            if (peer._process.HasExited || DateTime.UtcNow > deadline)
            {
                await peer.DisposeAsync();
                throw new InvalidOperationException($"{Path.GetFileName(program)} did not start listening on 127.0.0.1:{readyPort}:\n{peer.Output}");
            }
            await Task.Delay(50);
        }
        return peer;
    }

    /// <summary>Runs a program to its end (bounded) and returns its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var bounded = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(bounded.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Kills the program (SIGKILL: the kernel closes its connections) and waits until it is gone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        using var bounded = new CancellationTokenSource(StartTimeout);
        await _process.WaitForExitAsync(bounded.Token);
        _process.Dispose();
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static int FreeUdpPort()
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
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
