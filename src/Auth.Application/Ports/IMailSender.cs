namespace Auth.Application.Ports;

/// <summary>
/// Where use cases send e-mail: an SMTP server when the <c>Smtp</c> section names one, else nowhere
/// (<see cref="IsConfigured"/> is false and the use case refuses before making anything it would send).
/// </summary>
public interface IMailSender
{
    /// <summary>Whether a mail server is configured; e-mail is optional.</summary>
    bool IsConfigured { get; }

    /// <summary>Hands the message to the mail server; throws <see cref="MailDeliveryException"/> when it cannot.</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
