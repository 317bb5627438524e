namespace Auth.Application.Clients;

/// <summary>What an idempotent registration did.</summary>
public enum ChangeOutcome
{
    Created,
    Updated,
    Unchanged,
}
