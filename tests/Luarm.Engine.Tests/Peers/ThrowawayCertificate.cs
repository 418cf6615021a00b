using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Luarm.Engine.Tests.Peers;

/// <summary>
/// A private CA and a server certificate it signed for 127.0.0.1 and localhost,
/// as PEM files in a temporary folder: what a collector or mail relay presents,
/// and what a sink's ca_file trusts.
/// </summary>
internal sealed class ThrowawayCertificate : IDisposable
{
    private readonly DirectoryInfo _folder;

    private ThrowawayCertificate(DirectoryInfo folder) => _folder = folder;

    public string CaFile => Path.Combine(_folder.FullName, "ca.pem");
    public string CertificateFile => Path.Combine(_folder.FullName, "server.pem");
    public string KeyFile => Path.Combine(_folder.FullName, "server.key");

    public static ThrowawayCertificate Create()
    {
        var created = new ThrowawayCertificate(Directory.CreateTempSubdirectory("luarm-tls-"));
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Luarm test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var server = serverRequest.Create(ca, now.AddMinutes(-5), now.AddHours(12), RandomNumberGenerator.GetBytes(8));

        File.WriteAllText(created.CaFile, ca.ExportCertificatePem());
        File.WriteAllText(created.CertificateFile, server.ExportCertificatePem());
        File.WriteAllText(created.KeyFile, serverKey.ExportPkcs8PrivateKeyPem());
        return created;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
