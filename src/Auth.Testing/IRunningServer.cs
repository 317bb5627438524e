using Auth.Api.Testing;

namespace Auth.Testing;

/// <summary>A started server, in this process or another: its ready line, and how it stops.</summary>
internal interface IRunningServer : IAsyncDisposable
{
    ReadyLine Ready { get; }
}
