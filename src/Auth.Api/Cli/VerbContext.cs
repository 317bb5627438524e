using System.CommandLine;
using Auth.Application.Results;
using Mediator;

namespace Auth.Api.Cli;

/// <summary>One run of a verb: its scoped services, its parsed options, and where it writes.</summary>
public sealed record VerbContext(IServiceProvider Services, ParseResult Arguments, TextWriter Output, TextWriter ErrorOutput, CancellationToken CancellationToken)
{
    public ISender Sender => Services.GetRequiredService<ISender>();

    public T? Value<T>(Option<T> option) => Arguments.GetValue(option);

    public T Required<T>(Option<T> option) => Arguments.GetRequiredValue(option);

    /// <summary>An expected failure (unknown client, invalid definition): its description on standard error, exit code 1.</summary>
    public async Task<int> FailAsync(Error error)
    {
        await ErrorOutput.WriteLineAsync(error.Description);
        return CommandLine.Failure;
    }
}
