using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Auth.Api.Pages.OAuth;

/// <summary>
/// A page of the OAuth protocol (authorize, device, logout) that shows the errors it cannot send back to a client: the
/// protocol's error code and description, with status 400 (RFC 6749 §4.1.2.1: never redirect to an unverified URI).
/// </summary>
public abstract class ProtocolPageModel : PageModel
{
    public string? Error { get; private set; }

    public string? ErrorDescription { get; private set; }

    protected PageResult ShowError(string error, string? description)
    {
        Error = error;
        ErrorDescription = description;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
