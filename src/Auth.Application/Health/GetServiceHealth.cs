using Auth.Application.Ports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Health;

/// <summary>Whether the service can do its work: today, whether the database answers.</summary>
public sealed record GetServiceHealth : IQuery<ServiceHealth>;

public sealed record ServiceHealth(bool DatabaseReachable, DateTimeOffset CheckedAt)
{
    public bool Healthy => DatabaseReachable;
}

public sealed class GetServiceHealthHandler(IAuthDbContext db, TimeProvider clock) : IQueryHandler<GetServiceHealth, ServiceHealth>
{
    public async ValueTask<ServiceHealth> Handle(GetServiceHealth query, CancellationToken cancellationToken)
    {
        bool reachable;
        try
        {
            reachable = await db.Database.CanConnectAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // CanConnectAsync reports most outages as false, but some providers throw (for example on
            // authentication failures); an outage is the answer this query exists to give, not a bug.
            reachable = false;
        }

        return new ServiceHealth(reachable, clock.GetUtcNow());
    }
}
