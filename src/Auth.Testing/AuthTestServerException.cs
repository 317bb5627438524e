using System.Net;

namespace Auth.Testing;

/// <summary>The server refused a fixture call, or did not start: the status and body it answered, when there was an answer.</summary>
public sealed class AuthTestServerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AuthTestServerException(string message, HttpStatusCode? statusCode = null, string? body = null, Exception? innerException = null)
        : base(statusCode is null ? message : $"{message}: {(int)statusCode} {body}", innerException)
    {
        StatusCode = statusCode;
        Body = body;
    }

    /// <summary>Creates the exception.</summary>
    public AuthTestServerException()
        : this("The Auth test server failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public AuthTestServerException(string message)
        : this(message, null, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AuthTestServerException(string message, Exception innerException)
        : this(message, null, null, innerException)
    {
    }

    /// <summary>The HTTP status the server answered; null when the server did not start or answer.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The body the server answered (an OAuth or admin API error body, a page); null without an answer.</summary>
    public string? Body { get; }
}
