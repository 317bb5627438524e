using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Auth.Infrastructure.Mail;

/// <summary>
/// The mail server the service sends e-mail through (the one-time set-password link), bound from the <c>Smtp</c>
/// section. E-mail is optional: without <see cref="Host"/> nothing is sent. Checked at start-up by
/// <see cref="SmtpOptionsValidator"/>.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>The mail server's host name or address; empty: e-mail is off.</summary>
    public string? Host { get; set; }

    /// <summary>587 (submission with STARTTLS) by default; 465 for <see cref="SmtpSecurity.SslOnConnect"/>.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>The account to sign in to the mail server with; none: send without signing in.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address, required with <see cref="Host"/>.</summary>
    public string? From { get; set; }

    /// <summary>The sender's name shown beside <see cref="From"/>; none when empty.</summary>
    public string? FromName { get; set; }

    /// <summary>How long connecting, signing in and each exchange with the mail server may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    [MemberNotNullWhen(true, nameof(Host))]
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>Whether <paramref name="host"/> names this machine: <c>localhost</c> or a loopback address.</summary>
    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
