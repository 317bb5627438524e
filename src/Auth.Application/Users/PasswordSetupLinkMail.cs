using System.Globalization;
using System.Net;
using Auth.Application.Ports;

namespace Auth.Application.Users;

/// <summary>
/// The e-mail that carries a one-time password link: whose account it is for, who asked (an administrator, for a
/// "set your password" link; someone at the sign-in page, for a reset), the link, when it expires and that it works
/// once; plain text, and the same as simple HTML.
/// </summary>
public static class PasswordSetupLinkMail
{
    public const string Subject = "Set your password";

    public const string ResetSubject = "Reset your password";

    /// <summary>The mail of a link an administrator had sent (<see cref="SendPasswordSetupLink"/>).</summary>
    public static OutgoingMail Compose(string address, string userName, string? displayName, string link, DateTimeOffset expiresAt) =>
        Compose(address, userName, displayName, link, expiresAt, Subject,
            site => $"an administrator asked {site} to send you a link to set the password of your account",
            "Once it is used or expired, ask your administrator for a new one.");

    /// <summary>The mail of a link asked for at the sign-in page's "Forgot your password?" (<see cref="IssuePasswordResetLink"/>).</summary>
    public static OutgoingMail ComposeReset(string address, string userName, string? displayName, string link, DateTimeOffset expiresAt) =>
        Compose(address, userName, displayName, link, expiresAt, ResetSubject,
            site => $"someone, hopefully you, asked {site} for a link to reset the password of your account",
            "Once it is used or expired, ask for a new one where you sign in. Your current password works until you choose a new one.");

    private static OutgoingMail Compose(
        string address, string userName, string? displayName, string link, DateTimeOffset expiresAt, string subject, Func<string, string> asked, string afterwards)
    {
        var greeting = string.IsNullOrWhiteSpace(displayName) ? userName : displayName;
        var site = new Uri(link).Authority;
        var expires = expiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var text =
            $"""
            Hello {greeting},

            {asked(site)} "{userName}":

            {link}

            The link works once, until {expires}. {afterwards}
            If you did not expect this message, ignore it: without the link nothing changes.
            """;
        var html =
            $"""
            <!DOCTYPE html>
            <html lang="en">
            <body>
            <p>Hello {Encode(greeting)},</p>
            <p>{Encode(asked(site))} <strong>{Encode(userName)}</strong>:</p>
            <p><a href="{Encode(link)}">{Encode(subject)}</a></p>
            <p>The link works once, until {Encode(expires)}. {Encode(afterwards)}<br>
            If you did not expect this message, ignore it: without the link nothing changes.</p>
            </body>
            </html>
            """;
        return new OutgoingMail(address, displayName, subject, text, html);
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
