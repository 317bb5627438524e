using System.Data.Common;

namespace Auth.Api.Errors;

/// <summary>
/// Whether an exception means the database could not be reached or did not answer in time, however it arrives:
/// as itself, or wrapped by EF Core (its execution strategy's "likely due to a transient failure"
/// <see cref="InvalidOperationException"/>, <c>DbUpdateException</c>) or by OpenIddict's stores.
/// </summary>
public static class StoreOutage
{
    public static bool Caused(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
