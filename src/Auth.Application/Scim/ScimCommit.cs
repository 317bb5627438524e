using Auth.Application.Concurrency;
using Auth.Application.Ports;
using Auth.Application.Results;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Scim;

/// <summary>
/// Saving a SCIM write, and the ways another request can be in its way: it changed the resource since this one read
/// it (the version is a concurrency token: 412 when the client sent If-Match, RFC 7644 §3.14, else the change is made
/// again on what is there now), it raced past the uniqueness checks so that a unique index decided (409), or it
/// deleted a user this write names as a member (400 invalidValue, as for a member that never existed).
/// </summary>
public static class ScimCommit
{
    /// <summary>
    /// Makes a change (read, apply, save) and, when the client sent no If-Match and another request saved the
    /// resource between this one's read and its save, makes it again on the fresh resource (<see cref="WriteRetry"/>):
    /// without a precondition the client asked for its change whatever the version, and Entra ID and Okta send
    /// concurrent PATCHes of one group's members without one. With If-Match the 412 stands.
    /// </summary>
    public static async Task<Result<T>> UnlessPreconditionedAsync<T>(IAuthDbContext db, ScimIfMatch? ifMatch, Func<Task<Result<T>>> change, CancellationToken cancellationToken)
    {
        if (ifMatch is not null)
        {
            return await change();
        }

        var result = await WriteRetry.OnFreshDataAsync(db, change, cancellationToken, lostRace: LostRace);

        // Still losing after every attempt: not a precondition this client set, so not a 412 (RFC 7644 §3.14) but a conflict.
        return LostRace(result) ? new Error(ErrorKind.Conflict, "Other writes kept changing the resource; send the change again.") : result;
    }

    private static bool LostRace<T>(Result<T> result) => !result.Succeeded && result.Error.Kind == ErrorKind.PreconditionFailed;

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
        catch (DbUpdateException ex) when (db.IsMissingReference(ex))
        {
            // A member checked to exist was deleted before this write committed.
            db.DiscardChanges();
            return ScimErrors.InvalidValue("A user named as a member was deleted meanwhile.");
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
