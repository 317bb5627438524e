using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Auth.Infrastructure.OpenIddict;

/// <summary>
/// A save of an OpenIddict row (a client's, a scope's) that lost its race, the row changed since it was read: OpenIddict
/// reports it as its own exception, rethrown here as EF Core's, which the use cases and the error mapping know.
/// </summary>
internal static class LostRace
{
    public static async Task SavingAsync(ValueTask save)
    {
        try
        {
            await save;
        }
        catch (OpenIddictExceptions.ConcurrencyException exception)
        {
            throw new DbUpdateConcurrencyException(exception.Message, exception);
        }
    }
}
