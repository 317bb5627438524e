using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Mail;

/// <summary>
/// Refuses at start-up what would fail or leak later: a sender that is not an address, a password without a user
/// name, and a mail server reached without TLS anywhere but on this machine (the mail carries a link that opens an
/// account, and the password would cross the network in clear).
/// </summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.From) || !MailAddress.TryCreate(options.From, out var from) || from.Address != options.From.Trim())
        {
            failures.Add("Smtp:From must be the sender's e-mail address (name@example.com) when Smtp:Host is set; the name goes in Smtp:FromName.");
        }

        if (options.Security == SmtpSecurity.None && !SmtpOptions.IsLoopback(options.Host!))
        {
            failures.Add($"Smtp:Security=None sends mail without TLS and is allowed only to a mail server on this machine (localhost, 127.0.0.1, ::1), not to '{options.Host}': use StartTls (port 587) or SslOnConnect (port 465).");
        }

        if (!string.IsNullOrEmpty(options.Password) && string.IsNullOrWhiteSpace(options.UserName))
        {
            failures.Add("Smtp:Password is set without Smtp:UserName.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
