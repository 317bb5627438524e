using Auth.Application.Groups;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.Pages.Admin;

/// <summary>The groups, read only: the directory that provisions them over SCIM owns them.</summary>
public sealed class GroupsModel(ISender sender) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public GroupPage Groups { get; private set; } = new([], null);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var page = await sender.TryAskAsync(new ListGroups(string.IsNullOrEmpty(After) ? null : After), cancellationToken);
        if (!page.Succeeded)
        {
            return Refused(page.Error.Description);
        }

        Groups = page.Value;
        return Page();
    }
}
