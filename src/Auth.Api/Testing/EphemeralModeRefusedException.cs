namespace Auth.Api.Testing;

/// <summary>Ephemeral mode asked for with settings it cannot honour; the executable prints the message and exits 1.</summary>
public sealed class EphemeralModeRefusedException(string message) : Exception(message);
