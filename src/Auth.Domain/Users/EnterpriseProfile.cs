namespace Auth.Domain.Users;

/// <summary>The Enterprise User extension's attributes (RFC 7643 §4.3), kept with the user.</summary>
public sealed record EnterpriseProfile
{
    public string? EmployeeNumber { get; init; }

    public string? CostCenter { get; init; }

    public string? Organization { get; init; }

    public string? Division { get; init; }

    public string? Department { get; init; }

    /// <summary>The manager's id (manager.value); by RFC 7643 §4.3 the id of another user of this service.</summary>
    public string? ManagerId { get; init; }

    public string? ManagerDisplayName { get; init; }
}
