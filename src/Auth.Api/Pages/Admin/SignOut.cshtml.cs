using Auth.Api.AdminConsole;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Auth.Api.Pages.Admin;

/// <summary>Leaves the console (POST only, with the antiforgery token); the sign-in session goes on, and the account page shows.</summary>
[AllowAnonymous]
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => LocalRedirect(Routes.Admin);

    public async Task<IActionResult> OnPostAsync()
    {
        await ConsoleSession.LeaveAsync(HttpContext);
        return LocalRedirect(Routes.Account);
    }
}
