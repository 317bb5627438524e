using Auth.Application.Behaviours;
using Auth.Application.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Auth.Api.Pages.Account;

/// <summary>
/// Where a "set your password" link leads (<c>/account/set-password?token=…</c>): the person chooses a password, once.
/// The token travels in the query of the link and then in a hidden field of the form (with its antiforgery token); the
/// pages send no Referer, so it leaves this page nowhere else. A link that cannot set a password says so before the
/// person types one.
/// </summary>
public sealed class SetPasswordModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public string? Failure { get; private set; }

    /// <summary>The link can no longer set a password: the page offers no form.</summary>
    public bool Unusable { get; private set; }

    /// <summary>The user name whose password was just set.</summary>
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await sender.Send(new IsPasswordSetupLinkUsable(Token ?? string.Empty), cancellationToken))
        {
            return Refused(SetPasswordWithLinkHandler.Refusal);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (NewPassword != ConfirmPassword)
        {
            Failure = "The password and its confirmation differ.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            var set = await sender.Send(new SetPasswordWithLink(Token ?? string.Empty, NewPassword ?? string.Empty), cancellationToken);
            if (!set.Succeeded)
            {
                return Refused(set.Error.Description);
            }

            Done = set.Value;
            Token = null;
            return Page();
        }
        catch (RequestValidationException ex)
        {
            // A password below the policy: the same form again, with the rule.
            Failure = ex.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    private PageResult Refused(string failure)
    {
        Unusable = true;
        Failure = failure;
        Token = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
