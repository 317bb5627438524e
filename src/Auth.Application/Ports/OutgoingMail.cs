namespace Auth.Application.Ports;

/// <summary>One message to one recipient, as plain text and as HTML.</summary>
/// <param name="To">The recipient's address.</param>
/// <param name="ToName">The recipient's name, shown beside the address; none when null.</param>
public sealed record OutgoingMail(string To, string? ToName, string Subject, string Text, string Html)
{
    // A record prints every member: a body may carry a link that opens an account, and must not reach a log line.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Subject = ").Append(Subject);
        return true;
    }
}
