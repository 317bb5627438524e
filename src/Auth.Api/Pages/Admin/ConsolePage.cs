using System.Globalization;
using Auth.Application.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;

namespace Auth.Api.Pages.Admin;

/// <summary>
/// What every admin console page shares: the administrator it acts for (the console session's user, whom the audit log
/// names), the notice and the failure an action leaves on the page, and how times are shown. Every page under
/// Pages/Admin but the way in needs the console session (<see cref="Console.ConsoleSession.Policy"/>).
/// </summary>
public abstract class ConsolePage : PageModel
{
    /// <summary>What the last action did, for the <c>status</c> region.</summary>
    public string? Notice { get; protected set; }

    /// <summary>Why the last action was refused, for the <c>alert</c> region.</summary>
    public string? Failure { get; protected set; }

    public string AdministratorId => User.GetClaim(OpenIddictConstants.Claims.Subject)!;

    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>A form's list field of words (scopes, contacts): the items separated by spaces, commas or line breaks.</summary>
    public static string[] Words(string? text) =>
        text?.Split([' ', '\n', '\r', '\t', ','], StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>
    /// A form's list field of URIs, one per line: separated by line breaks or spaces (no URI holds one), never at a
    /// comma, which a URI's query may hold.
    /// </summary>
    public static string[] Uris(string? text) =>
        text?.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>A form's single-value text field: trimmed, or null when left empty or blank.</summary>
    public static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A form's list field of free text (a scope's resources), one item per line.</summary>
    public static string[] Lines(string? text) =>
        text?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>The page again with a use case's refusal: 409 for a conflict, 404 for what is not found, else 400.</summary>
    protected IActionResult Refused(Error error) => Refused(error.Description, error.Kind switch
    {
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status400BadRequest,
    });

    /// <summary>The page again with a refusal, as 400 (a form's input) or the status given.</summary>
    protected IActionResult Refused(string failure, int status = StatusCodes.Status400BadRequest)
    {
        Failure = failure;
        Response.StatusCode = status;
        return Page();
    }
}
