using Auth.Application.Audit;
using Auth.Application.Ports;

namespace Auth.Infrastructure.Tests;

/// <summary>The security events a use case reported, kept for the test to read.</summary>
internal sealed class RecordedEvents : ISecurityEvents
{
    private readonly List<SecurityEvent> _events = [];

    public IReadOnlyList<SecurityEvent> All
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public void Record(SecurityEvent securityEvent)
    {
        lock (_events)
        {
            _events.Add(securityEvent);
        }
    }
}
