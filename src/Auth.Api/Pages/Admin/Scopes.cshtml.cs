using Auth.Application.Scopes;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Auth.Api.Pages.Admin;

/// <summary>The registered scopes, a page at a time, and the form that registers one.</summary>
public sealed class ScopesModel(ISender sender) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public ScopeForm Settings { get; set; } = new();

    public ScopePage Scopes { get; private set; } = new([], null);

    /// <summary>The scope just registered, linked from the notice.</summary>
    public string? Created { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var created = await sender.TrySendAsync(new CreateScope(Settings.ToDefinition(Name?.Trim() ?? string.Empty)), cancellationToken);
        if (!created.Succeeded)
        {
            var page = await ShowAsync(cancellationToken);
            return page is PageResult ? Refused(created.Error) : page;
        }

        Created = created.Value.Definition.Name;
        Notice = $"The scope {Created} is registered.";
        Name = null;
        Settings = new();
        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
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
