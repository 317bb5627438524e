namespace Auth.Api.OAuth;

/// <summary>A guarded fetch's host resolves to no address the <see cref="OutboundAddressGuard"/> permits; nothing was sent.</summary>
public sealed class OutboundAddressRefusedException(string message) : IOException(message)
{
    /// <summary>Why a guarded request failed, when the guard refused it (the handler wraps the refusal); else null.</summary>
    public static string? ReasonOf(HttpRequestException exception) => (exception.InnerException as OutboundAddressRefusedException)?.Message;
}
