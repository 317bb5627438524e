namespace Auth.Api.OAuth;

/// <summary>A guarded fetch's host resolves to no address the <see cref="OutboundAddressGuard"/> permits; nothing was sent.</summary>
public sealed class OutboundAddressRefusedException(string message) : IOException(message);
