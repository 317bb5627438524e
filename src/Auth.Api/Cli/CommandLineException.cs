namespace Auth.Api.Cli;

/// <summary>A mistake in how a verb was called; reported with the usage text and exit code 2.</summary>
public sealed class CommandLineException(string message) : Exception(message);
