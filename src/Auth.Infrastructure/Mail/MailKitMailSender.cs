using System.Net.Sockets;
using Auth.Application.Ports;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Auth.Infrastructure.Mail;

/// <summary>
/// <see cref="IMailSender"/> with MailKit: one connection per message to the <c>Smtp</c> section's server (e-mail here
/// is an operator's occasional action, not a stream), signed in when a user name is set, with TLS as
/// <see cref="SmtpOptions.Security"/> says. Whatever keeps the server from taking the message becomes a
/// <see cref="MailDeliveryException"/>; nothing of the message's body is logged.
/// </summary>
public sealed partial class MailKitMailSender(IOptions<SmtpOptions> options, ILogger<MailKitMailSender> logger) : IMailSender
{
    public bool IsConfigured => options.Value.IsConfigured;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        if (!smtp.IsConfigured)
        {
            throw new InvalidOperationException("E-mail is not configured (Smtp:Host): ask IsConfigured first.");
        }

        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            var message = Message(smtp, mail);
            await client.ConnectAsync(smtp.Host, smtp.Port, SocketOptions(smtp.Security), cancellationToken);
            if (!string.IsNullOrWhiteSpace(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (IsDeliveryFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw new MailDeliveryException($"The mail server {smtp.Host}:{smtp.Port} did not take the message: {ex.Message}", ex);
        }

        // Taken: a QUIT that fails or is cut short changes nothing for the message, so it is not the sender's failure.
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception ex) when (IsDeliveryFailure(ex))
        {
            LogQuitFailed(logger, smtp.Host, smtp.Port, ex.Message);
        }

        LogSent(logger, mail.Subject, smtp.Host, smtp.Port);
    }

    private static MimeMessage Message(SmtpOptions smtp, OutgoingMail mail)
    {
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody(),
        };
        // SmtpOptionsValidator requires From whenever Host is set.
        message.From.Add(new MailboxAddress(smtp.FromName ?? string.Empty, smtp.From!));
        message.To.Add(new MailboxAddress(mail.ToName ?? string.Empty, mail.To));
        return message;
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    // Unreachable, timed out, TLS refused or not offered, sign-in refused, a command or an address refused.
    private static bool IsDeliveryFailure(Exception ex) =>
        ex is IOException or SocketException or TimeoutException or OperationCanceledException or CommandException or ProtocolException
            or AuthenticationException or SslHandshakeException or ServiceNotConnectedException or ServiceNotAuthenticatedException
            or NotSupportedException or ParseException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent a mail ({Subject}) through {Host}:{Port}")]
    private static partial void LogSent(ILogger logger, string subject, string host, int port);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The mail server {Host}:{Port} took the message; closing the connection failed: {Reason}")]
    private static partial void LogQuitFailed(ILogger logger, string host, int port, string reason);
}
