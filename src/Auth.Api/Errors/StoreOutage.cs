using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Auth.Api.Errors;

/// <summary>
/// Whether an exception means the database could not be reached or did not answer in time, however it arrives:
/// as itself, or wrapped by EF Core (its execution strategy's "likely due to a transient failure"
/// <see cref="InvalidOperationException"/>, <c>DbUpdateException</c>) or by OpenIddict's stores. A constraint the
/// database refused (a unique key, a foreign key, a check) is an answer, not an outage: the database is there, and
/// the write that broke it is a fault of the code that made it (500, not 503 with Retry-After).
/// </summary>
public static class StoreOutage
{
    public static bool Caused(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException database)
            {
                return !IsConstraintViolation(database);
            }

            if (current is TimeoutException)
            {
                return true;
            }
        }

        return false;
    }

    // PostgreSQL's class 23 is "integrity constraint violation"; SQLite's primary result code 19 is SQLITE_CONSTRAINT.
    private static bool IsConstraintViolation(DbException exception) =>
        exception.SqlState?.StartsWith("23", StringComparison.Ordinal) == true || exception is SqliteException { SqliteErrorCode: 19 };
}
