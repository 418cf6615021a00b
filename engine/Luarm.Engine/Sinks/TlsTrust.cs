using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Luarm.Engine.Configuration;

namespace Luarm.Engine.Sinks;

/// <summary>
/// Whom a sink believes when it talks TLS: the system's certificate authorities,
/// plus those of a <c>ca_file</c> (PEM) for a private mail relay or syslog
/// collector. The server's name must match its certificate either way.
/// </summary>
internal sealed class TlsTrust
{
    private readonly X509Certificate2Collection _authorities;

    private TlsTrust(X509Certificate2Collection authorities) => _authorities = authorities;

    public static TlsTrust System { get; } = new([]);

    /// <returns>The trust for <paramref name="caFile"/>, or <see cref="System"/> when none is given or it cannot be read (then in <paramref name="errors"/>).</returns>
    public static TlsTrust Load(SettingErrors errors, string property, string? caFile)
    {
        if (string.IsNullOrWhiteSpace(caFile))
        {
            return System;
        }
        try
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(caFile);
            if (authorities.Count == 0)
            {
                errors.Add(property, $"{caFile} holds no PEM certificate");
            }
            return new TlsTrust(authorities);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or CryptographicException)
        {
            errors.Add(property, $"cannot read {caFile} ({error.Message})");
            return System;
        }
    }

    /// <summary>A <see cref="RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }
        if (certificate is null || _authorities.Count == 0 || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        // A private CA seldom publishes revocation lists; pinning it is the point of ca_file.
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainElements.Select(e => e.Certificate).ToArray());
        }
        return custom.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
    }
}
