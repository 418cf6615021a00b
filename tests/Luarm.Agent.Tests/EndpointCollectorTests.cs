using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Luarm.Agent.Endpoints;
using Luarm.Agent.Host;
using Luarm.Agent.Tests.Support;
using Luarm.Store.Ends;
using Luarm.Store.Facts;
using Microsoft.Extensions.Logging.Abstractions;

namespace Luarm.Agent.Tests;

/// <summary>The endpoint collector on real sock_diag dumps, with loopback connections only.</summary>
public sealed class EndpointCollectorTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    private static RunningCollector Start() => new(new EndpointCollector(
        new EndpointOptions { PollInterval = TimeSpan.FromMilliseconds(100) }, new UserNames(), NullLogger.Instance));

    [Fact]
    public void A_loopback_tcp_connection_is_recorded_with_its_process_and_ended_when_closed()
    {
        using var collector = Start();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serverPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        // TcpClient is dual-stack: the kernel shows ::ffff:127.0.0.1, the fact must say IPv4.
        var client = new TcpClient();
        client.Connect(IPAddress.Loopback, serverPort);
        var accepted = listener.AcceptTcpClient();
        var clientPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;

        var opened = collector.Sink.WaitFor<EndpointFact>(
            e => e.SourcePort == clientPort && e.DestPort == serverPort, Within, "the client side of the connection");
        Assert.Equal(("tcp", "127.0.0.1", "127.0.0.1", 4), (opened.Transport, opened.SourceIp, opened.DestIp, opened.IpVersion));
        Assert.Equal(Environment.ProcessId, opened.Pid);
        Assert.Equal(File.ReadAllText("/proc/self/comm").TrimEnd('\n'), opened.Application);
        Assert.Equal((0, "root"), (opened.Uid, opened.Username));
        collector.Sink.WaitFor<EndpointFact>(e => e.SourcePort == serverPort && e.DestPort == 0, Within, "the listening socket");

        client.Dispose();
        accepted.Dispose();

        var closed = collector.Sink.WaitFor<EndpointEnd>(
            e => e.SourcePort == clientPort && e.DestPort == serverPort, Within, "the end of the client side");
        Assert.Equal((Environment.ProcessId, "tcp", "127.0.0.1", "127.0.0.1"), (closed.Pid, closed.Transport, closed.SourceIp, closed.DestIp));
        Assert.True(closed.Destroyed >= opened.Created);
    }

    [Fact]
    public void A_connected_udp_socket_over_ipv6_loopback_is_recorded()
    {
        using var collector = Start();
        using var server = new UdpClient(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        var serverPort = ((IPEndPoint)server.Client.LocalEndPoint!).Port;
        using var client = new UdpClient(AddressFamily.InterNetworkV6);
        client.Connect(IPAddress.IPv6Loopback, serverPort);
        var clientPort = ((IPEndPoint)client.Client.LocalEndPoint!).Port;

        var opened = collector.Sink.WaitFor<EndpointFact>(
            e => e.SourcePort == clientPort && e.DestPort == serverPort, Within, "the connected UDP socket");
        Assert.Equal(("udp", "::1", "::1", 6, Environment.ProcessId), (opened.Transport, opened.SourceIp, opened.DestIp, opened.IpVersion, opened.Pid));
    }

    [Fact]
    public void The_application_is_what_the_process_calls_itself_as_with_the_renamed_irc_bot()
    {
        using var collector = Start();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        // Like the 2011 bot: perl renames itself 'crond', then connects out.
        using var bot = Process.Start("perl", ["-MIO::Socket::INET", "-e",
            $"$0 = 'crond'; my $s = IO::Socket::INET->new('127.0.0.1:{port}') or die; sleep 5"])!;
        try
        {
            var opened = collector.Sink.WaitFor<EndpointFact>(e => e.DestPort == port && e.Pid == bot.Id, Within, "the bot's connection");
            Assert.Equal("crond", opened.Application);
        }
        finally
        {
            bot.Kill();
        }
    }
}
