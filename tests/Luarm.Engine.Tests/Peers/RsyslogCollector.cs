using System.Text.Json;
using Luarm.Testing.Peers;

namespace Luarm.Engine.Tests.Peers;

/// <summary>
/// A real rsyslogd on loopback ports, with a generated config: a TCP input
/// (TLS through rsyslog-gnutls when given a certificate), optionally a UDP input,
/// and every message written as rsyslog parsed it (its <c>%jsonmesg%</c>) to a file.
/// The config sets no <c>maxMessageSize</c> on purpose: the sink must fit what rsyslog
/// takes by default (8096 bytes), and the tests check it against that default.
/// </summary>
internal sealed class RsyslogCollector : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;
    private PeerProcess? _process;
    private int _starts;

    private RsyslogCollector(DirectoryInfo folder, int tcpPort, int? udpPort)
    {
        _folder = folder;
        TcpPort = tcpPort;
        UdpPort = udpPort;
    }

    public int TcpPort { get; }
    public int? UdpPort { get; }

    private string ConfigFile => Path.Combine(_folder.FullName, "rsyslog.conf");
    private string OutputFile => Path.Combine(_folder.FullName, "received.jsonl");

    public static async Task<RsyslogCollector> StartAsync(bool udp = false, ThrowawayCertificate? tls = null)
    {
        var collector = new RsyslogCollector(Directory.CreateTempSubdirectory("luarm-rsyslog-"), PeerProcess.FreeTcpPort(), udp ? PeerProcess.FreeUdpPort() : null);
        var global = tls is null
            ? $"global(workDirectory=\"{collector._folder.FullName}\")"
            : $"global(workDirectory=\"{collector._folder.FullName}\" defaultNetstreamDriverCAFile=\"{tls.CaFile}\" defaultNetstreamDriverCertFile=\"{tls.CertificateFile}\" defaultNetstreamDriverKeyFile=\"{tls.KeyFile}\")";
        var tcpModule = tls is null
            ? "module(load=\"imtcp\")"
            : "module(load=\"imtcp\" streamDriver.name=\"gtls\" streamDriver.mode=\"1\" streamDriver.authMode=\"anon\")";
        var udpInput = udp ? $"module(load=\"imudp\")\ninput(type=\"imudp\" address=\"127.0.0.1\" port=\"{collector.UdpPort}\")" : "";
        File.WriteAllText(collector.ConfigFile, $"""
            {global}
            {tcpModule}
            input(type="imtcp" address="127.0.0.1" port="{collector.TcpPort}")
            {udpInput}
            template(name="parsed" type="string" string="%jsonmesg%\n")
            action(type="omfile" file="{collector.OutputFile}" template="parsed")
            """);
        await collector.RestartAsync();
        return collector;
    }

    /// <summary>Kills rsyslogd: every open connection to it is dropped.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Starts rsyslogd (again) on the same ports and output file.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        var pidFile = Path.Combine(_folder.FullName, $"rsyslogd.{++_starts}.pid");
        _process = await PeerProcess.StartAsync(PeerProcess.Find("rsyslogd", "rsyslog"), ["-n", "-f", ConfigFile, "-i", pidFile], TcpPort);
    }

    /// <summary>Waits (boundedly) until at least <paramref name="count"/> messages arrived, and a moment longer for strays.</summary>
    public async Task<IReadOnlyList<ReceivedSyslog>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Received().Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        await Task.Delay(300);
        var received = Received();
        Assert.True(received.Count >= count, $"rsyslog received {received.Count} messages, expected {count}:\n{_process?.Output}");
        return received;
    }

    public IReadOnlyList<ReceivedSyslog> Received()
    {
        if (!File.Exists(OutputFile))
        {
            return [];
        }
        using var file = new FileStream(OutputFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(file);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => ReceivedSyslog.From(JsonDocument.Parse(line).RootElement))
            .ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _folder.Delete(recursive: true);
    }
}
