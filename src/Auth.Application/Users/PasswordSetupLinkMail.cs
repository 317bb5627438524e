using System.Globalization;
using System.Net;
using Auth.Application.Ports;

namespace Auth.Application.Users;

/// <summary>
/// The e-mail that carries a "set your password" link: whose account it is for, the link, when it expires and that it
/// works once; plain text, and the same as simple HTML.
/// </summary>
public static class PasswordSetupLinkMail
{
    public const string Subject = "Set your password";

    public static OutgoingMail Compose(string address, string userName, string? displayName, string link, DateTimeOffset expiresAt)
    {
        var greeting = string.IsNullOrWhiteSpace(displayName) ? userName : displayName;
        var site = new Uri(link).Authority;
        var expires = expiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var text =
            $"""
            Hello {greeting},

            an administrator asked {site} to send you a link to set the password of your account "{userName}":

            {link}

            The link works once, until {expires}. Once it is used or expired, ask your administrator for a new one.
            If you did not expect this message, ignore it: without the link nothing changes.
            """;
        var html =
            $"""
            <!DOCTYPE html>
            <html lang="en">
            <body>
            <p>Hello {Encode(greeting)},</p>
            <p>an administrator asked {Encode(site)} to send you a link to set the password of your account <strong>{Encode(userName)}</strong>:</p>
            <p><a href="{Encode(link)}">Set your password</a></p>
            <p>The link works once, until {Encode(expires)}. Once it is used or expired, ask your administrator for a new one.<br>
            If you did not expect this message, ignore it: without the link nothing changes.</p>
            </body>
            </html>
            """;
        return new OutgoingMail(address, displayName, Subject, text, html);
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
