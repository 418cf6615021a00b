namespace Luarm.Engine.Sinks.Email;

/// <summary>The <c>sinks.email</c> section: one SMTP server, several routes to recipients.</summary>
public sealed class EmailSinkOptions
{
    public string Host { get; set; } = "";

    /// <summary>Defaults by <see cref="Security"/>: 587 for starttls, 465 for tls, 25 for none.</summary>
    public int? Port { get; set; }

    /// <summary><c>starttls</c> (required, not opportunistic), <c>tls</c> (implicit, SMTPS) or <c>none</c>.</summary>
    public string Security { get; set; } = "starttls";

    /// <summary>Authenticate when set; the password then comes from one of the three password settings.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    public string? PasswordEnv { get; set; }

    public string? PasswordFile { get; set; }

    /// <summary>
    /// With <see cref="Security"/> <c>none</c>, a login sends the password in clear, so it is
    /// refused at start unless this says the link to the relay is trusted (loopback, a private segment).
    /// </summary>
    public bool AllowPlaintextLogin { get; set; }

    public string From { get; set; } = "";

    /// <summary>PEM file of the CA that signed a private relay's certificate, trusted besides the system's.</summary>
    public string? CaFile { get; set; }

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>A route sends at most this many single-alert mails a minute; more alerts arrive as one digest per delivery.</summary>
    public int DigestThreshold { get; set; } = 5;

    /// <summary>The longest a value from the store (a command line, a file name) is shown in a mail; longer ones are cut with a marker.</summary>
    public int MaxValueChars { get; set; } = Alerts.AlertText.DefaultMaxValueChars;

    public List<EmailRouteOptions> Routes { get; set; } = [];
}
