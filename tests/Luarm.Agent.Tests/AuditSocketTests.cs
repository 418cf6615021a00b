using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Access;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Luarm.Testing;

namespace Luarm.Agent.Tests;

/// <summary>
/// Sockets in audit mode on the real kernel (needs root): the audit collector
/// records them, sock_diag ends them, and the store holds one row per socket.
/// </summary>
[Collection(AuditKernel.Name)]
[SupportedOSPlatform("linux")]
public sealed class AuditSocketTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task One_tcp_connection_in_audit_mode_is_one_netinfo_row_ended_when_it_closes(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        using var listener = Listening();
        var port = PortOf(listener);
        using var audit = StartedCollectors.Audit();
        using var sockets = StartedCollectors.SockDiag(auditRecordsSockets: true, openBefore: listener);

        // Open for a second: long enough for several polls, so sock_diag sees it and then sees it gone.
        using var child = Process.Start("python3", ["-c", $"import socket,time; s=socket.create_connection(('127.0.0.1',{port})); time.sleep(1); s.close()"])!;
        using var accepted = listener.AcceptTcpClient();
        child.WaitForExit();

        audit.Sink.WaitFor<EndpointFact>(f => f.Pid == child.Id && f.DestPort == port, Within, "audit's row of the connect");
        sockets.Sink.WaitFor<EndpointEnd>(e => e.Pid == child.Id && e.DestPort == port, Within, "sock_diag's end of it");
        Assert.DoesNotContain(sockets.Sink.All<EndpointFact>(), f => f.Pid == child.Id);
        await StoredRows.AppendAsync(test.Store, audit.Sink, sockets.Sink);

        var row = Assert.Single(await StoredRows.QueryAsync(test.Store, "SELECT transport, destip, destport, destroyed FROM netinfo WHERE pid = @p", child.Id));
        Assert.Equal(("tcp", "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture)), (row[0], row[1], row[2]));
        Assert.NotNull(row[3]);
    }

    [Fact]
    public void A_udp_connect_and_send_and_an_unconnected_sendto_are_udp_rows_with_their_real_destinations()
    {
        using var connected = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var unconnected = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var (first, second) = (((IPEndPoint)connected.Client.LocalEndPoint!).Port, ((IPEndPoint)unconnected.Client.LocalEndPoint!).Port);
        using var audit = StartedCollectors.Audit();

        using var child = Process.Start("python3", ["-c",
            "import socket\n" +
            $"c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); c.connect(('127.0.0.1', {first})); c.send(b'x')\n" +
            $"u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.sendto(b'y', ('127.0.0.1', {second}))"])!;
        child.WaitForExit();

        var connect = audit.Sink.WaitFor<EndpointFact>(f => f.Pid == child.Id && f.DestPort == first, Within, "the connect");
        var send = audit.Sink.WaitFor<EndpointFact>(f => f.Pid == child.Id && f.DestPort == second, Within, "the sendto");
        Assert.Equal(("udp", "127.0.0.1"), (connect.Transport, connect.DestIp));
        Assert.Equal(("udp", "127.0.0.1"), (send.Transport, send.DestIp));
        Assert.Equal(2, audit.Sink.All<EndpointFact>().Count(f => f.Pid == child.Id));
    }

    [Fact]
    public void A_send_with_an_address_on_a_connected_tcp_socket_is_no_row_as_the_kernel_ignores_that_address()
    {
        using var listener = Listening();
        var port = PortOf(listener);
        using var audit = StartedCollectors.Audit();

        using var child = Process.Start("python3", ["-c",
            $"import os, socket; s = socket.create_connection(('127.0.0.1', {port})); s.sendto(b'x', ('127.0.0.2', 9)); os.execv('/bin/true', ['/bin/true', 'luarm-after-send'])"])!;
        using var accepted = listener.AcceptTcpClient();
        child.WaitForExit();

        var connect = audit.Sink.WaitFor<EndpointFact>(f => f.Pid == child.Id && f.DestPort == port, Within, "the connect");
        Assert.Equal("tcp", connect.Transport);
        // The sendto's event is complete before the exec that follows it starts, so it was handled before the exec's row.
        audit.Sink.WaitFor<ProcessFact>(f => f.Pid == child.Id && f.Arguments == "luarm-after-send", Within, "the exec after the send");
        Assert.DoesNotContain(audit.Sink.All<EndpointFact>(), f => f.Pid == child.Id && f.DestIp == "127.0.0.2");
    }

    [Fact]
    public void A_non_blocking_connect_called_again_when_it_completes_is_one_row()
    {
        using var listener = Listening();
        var port = PortOf(listener);
        using var audit = StartedCollectors.Audit();

        // What Perl's IO::Socket::INET does with a timeout: connect (EINPROGRESS), wait for it, connect again (0).
        using var child = Process.Start("python3", ["-c",
            "import os, select, socket\n" +
            $"s = socket.socket(); s.setblocking(False); assert s.connect_ex(('127.0.0.1', {port})) == 115\n" +
            "select.select([], [s], [], 5); assert s.connect_ex(s.getpeername()) == 0\n" +
            "os.execv('/bin/true', ['/bin/true', 'luarm-after-connect'])"])!;
        using var accepted = listener.AcceptTcpClient();
        child.WaitForExit();
        Assert.Equal(0, child.ExitCode);

        // Both connects are complete before the exec that follows them, so they were handled before its row.
        audit.Sink.WaitFor<ProcessFact>(f => f.Pid == child.Id && f.Arguments == "luarm-after-connect", Within, "the exec after the connects");
        var row = Assert.Single(audit.Sink.All<EndpointFact>(), f => f.Pid == child.Id);
        Assert.Equal(("tcp", "127.0.0.1", port), (row.Transport, row.DestIp, row.DestPort));
    }

    [Theory]
    [InlineData(StoreDialect.Sqlite)]
    [InlineData(StoreDialect.MySql)]
    public async Task A_listening_tcp_socket_and_a_bound_udp_socket_are_one_row_each_as_sock_diag_writes_them_and_are_ended(StoreDialect dialect)
    {
        await using var test = await TestStore.CreateAsync(dialect);
        var (tcpPort, udpPort) = (FreePort(SocketType.Stream, ProtocolType.Tcp), FreePort(SocketType.Dgram, ProtocolType.Udp));
        using var before = Listening();
        using var audit = StartedCollectors.Audit();
        using var sockets = StartedCollectors.SockDiag(auditRecordsSockets: true, openBefore: before);
        using var classic = StartedCollectors.SockDiag(auditRecordsSockets: false, openBefore: before);

        using var child = Process.Start("python3", ["-c",
            "import socket, time\n" +
            $"t = socket.socket(); t.bind(('127.0.0.1', {tcpPort})); t.listen()\n" +
            $"u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', {udpPort}))\n" +
            "time.sleep(1)"])!;
        child.WaitForExit();

        foreach (var (transport, port) in new[] { ("tcp", tcpPort), ("udp", udpPort) })
        {
            var fromAudit = audit.Sink.WaitFor<EndpointFact>(f => f.Pid == child.Id && f.SourcePort == port, Within, $"audit's {transport} row");
            var fromSockDiag = classic.Sink.WaitFor<EndpointFact>(f => f.Pid == child.Id && f.SourcePort == port, Within, $"sock_diag's {transport} row");
            Assert.Equal(Shape(fromSockDiag), Shape(fromAudit));
            Assert.Equal((transport, "127.0.0.1", "0.0.0.0", 0), (fromAudit.Transport, fromAudit.SourceIp, fromAudit.DestIp, fromAudit.DestPort));
            sockets.Sink.WaitFor<EndpointEnd>(e => e.Pid == child.Id && e.SourcePort == port, Within, $"the end of the {transport} socket");
        }
        Assert.Equal(2, audit.Sink.All<EndpointFact>().Count(f => f.Pid == child.Id));
        await StoredRows.AppendAsync(test.Store, audit.Sink, sockets.Sink);

        var rows = await StoredRows.QueryAsync(test.Store, "SELECT transport, sourceport, destroyed FROM netinfo WHERE pid = @p ORDER BY transport", child.Id);
        Assert.Equal(["tcp", "udp"], rows.Select(row => row[0]));
        Assert.All(rows, row => Assert.NotNull(row[2]));
    }

    private static (string, string, int, string, int, int, int) Shape(EndpointFact f) =>
        (f.Transport, f.SourceIp, f.SourcePort, f.DestIp, f.DestPort, f.IpVersion, f.Pid);

    private static TcpListener Listening()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    private static int PortOf(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>A loopback port free now (the kernel's pick, released), for a child to bind by number.</summary>
    private static int FreePort(SocketType type, ProtocolType protocol)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, type, protocol);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
