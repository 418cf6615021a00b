using Luarm.Testing.Peers;
using MimeKit;

namespace Luarm.Engine.Tests.Peers;

/// <summary>How the SMTP peer talks: plain, STARTTLS offered (and then required), or TLS from the first byte.</summary>
internal enum SmtpPeerSecurity
{
    Plain,
    StartTls,
    ImplicitTls,
}

/// <summary>
/// A real SMTP server, Debian's aiosmtpd, on a loopback port; each message it
/// takes lands in a Maildir the test reads back with MimeKit.
/// </summary>
internal sealed class SmtpPeer : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;
    private readonly PeerProcess _process;

    private SmtpPeer(DirectoryInfo folder, PeerProcess process, int port)
    {
        _folder = folder;
        _process = process;
        Port = port;
    }

    public int Port { get; }

    private string MailDir => Path.Combine(_folder.FullName, "Maildir");

    /// <param name="port">A port to listen on (to bring back a server that was down), or a free one.</param>
    /// <param name="login">When given, mail is taken only after AUTH with this user and password.</param>
    public static async Task<SmtpPeer> StartAsync(
        SmtpPeerSecurity security = SmtpPeerSecurity.Plain, ThrowawayCertificate? certificate = null,
        (string User, string Password)? login = null, int? port = null)
    {
        var listen = port ?? PeerProcess.FreeTcpPort();
        var folder = Directory.CreateTempSubdirectory("luarm-smtp-");
        var maildir = Path.Combine(folder.FullName, "Maildir");
        List<string> arguments = ["-n", "-l", $"127.0.0.1:{listen}"];
        if (security != SmtpPeerSecurity.Plain)
        {
            var tls = certificate ?? throw new ArgumentNullException(nameof(certificate), "a TLS peer needs a certificate");
            arguments.AddRange(security == SmtpPeerSecurity.StartTls
                ? ["--tlscert", tls.CertificateFile, "--tlskey", tls.KeyFile]
                : ["--smtpscert", tls.CertificateFile, "--smtpskey", tls.KeyFile]);
        }
        arguments.AddRange(["-c", "smtp_peer.Peer", maildir]);
        if (login is var (user, password))
        {
            arguments.AddRange([user, password]);
        }
        var handlerFolder = Path.Combine(AppContext.BaseDirectory, "Peers");
        var process = await PeerProcess.StartAsync(PeerProcess.Find("aiosmtpd", "python3-aiosmtpd"), arguments, listen,
            new Dictionary<string, string> { ["PYTHONPATH"] = handlerFolder, ["PYTHONDONTWRITEBYTECODE"] = "1" });
        return new SmtpPeer(folder, process, listen);
    }

    /// <summary>Waits (boundedly) until at least <paramref name="count"/> mails arrived, and a moment longer for strays.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Received().Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        await Task.Delay(300);
        var received = Received();
        Assert.True(received.Count >= count, $"the SMTP peer received {received.Count} mails, expected {count}:\n{_process.Output}");
        return received;
    }

    public IReadOnlyList<MimeMessage> Received()
    {
        var arrived = Path.Combine(MailDir, "new");
        return Directory.Exists(arrived)
            ? Directory.GetFiles(arrived).OrderBy(ArrivalNumber).Select(file => MimeMessage.Load(file)).ToArray()
            : [];
    }

    /// <summary>
    /// Python's Maildir names a message TIME.M<i>microseconds</i>P<i>pid</i>Q<i>count</i>.host with
    /// the microseconds unpadded, so names do not sort in arrival order; the per-process count does.
    /// </summary>
    private static long ArrivalNumber(string file)
    {
        var match = System.Text.RegularExpressions.Regex.Match(Path.GetFileName(file), @"Q(\d+)\.");
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : long.MaxValue;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _folder.Delete(recursive: true);
    }
}
