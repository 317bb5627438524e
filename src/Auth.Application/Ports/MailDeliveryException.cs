namespace Auth.Application.Ports;

/// <summary>
/// The mail server could not be reached, did not answer in time, refused the sign-in or the message: an outage, which
/// the edge reports as 503 (and the command line with exit code 1). Its message never holds the mail's body.
/// </summary>
public sealed class MailDeliveryException : Exception
{
    public MailDeliveryException()
    {
    }

    public MailDeliveryException(string message)
        : base(message)
    {
    }

    public MailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
