using Auth.Application.Audit;

namespace Auth.Application.Ports;

/// <summary>
/// Where use cases report security events. Recording never fails the use case and never waits for the database:
/// the audit table is written in batches behind it.
/// </summary>
public interface ISecurityEvents
{
    void Record(SecurityEvent securityEvent);
}
