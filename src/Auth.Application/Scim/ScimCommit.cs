using Auth.Application.Ports;
using Auth.Application.Results;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Scim;

/// <summary>
/// Saving a SCIM write, and the two ways another request can be in its way: it changed the resource since this one
/// read it (the version is a concurrency token: 412, RFC 7644 §3.14), or it raced past the uniqueness checks so that
/// a unique index decided (409).
/// </summary>
public static class ScimCommit
{
    /// <param name="save">Saves the change, with whatever has to commit with it.</param>
    /// <param name="uniqueness">Asked after a unique index refused the save: the uniqueness error, if a rule explains it.</param>
    public static async Task<Error?> SaveAsync(IAuthDbContext db, Func<Task> save, Func<Task<Error?>> uniqueness, CancellationToken cancellationToken)
    {
        try
        {
            await save();
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ScimErrors.VersionMismatch();
        }
        catch (DbUpdateException ex) when (db.IsUniqueViolation(ex))
        {
            // Two requests raced past the checks above and a unique index decided; any other failure is a fault.
            db.DiscardChanges();
            if (await uniqueness() is { } conflict)
            {
                return conflict;
            }

            throw;
        }
    }
}
