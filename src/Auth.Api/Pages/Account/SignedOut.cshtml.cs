using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Auth.Api.Pages.Account;

/// <summary>Where a logout ends when no application named a registered post_logout_redirect_uri to return to.</summary>
public sealed class SignedOutModel : PageModel;
