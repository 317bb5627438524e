using Auth.Application.Scopes;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.Pages.Admin;

/// <summary>The registered scopes, a page at a time (read only here; the admin API and the seed file change them).</summary>
public sealed class ScopesModel(ISender sender) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public ScopePage Scopes { get; private set; } = new([], null);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var page = await sender.TryAskAsync(new SearchScopes(string.IsNullOrWhiteSpace(After) ? null : After), cancellationToken);
        if (!page.Succeeded)
        {
            return Refused(page.Error.Description);
        }

        Scopes = page.Value;
        return Page();
    }
}
