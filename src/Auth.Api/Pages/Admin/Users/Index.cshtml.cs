using Auth.Application.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.Pages.Admin.Users;

/// <summary>The users, searched by user name prefix, address or state, a page at a time.</summary>
public sealed class IndexModel(ISender sender) : ConsolePage
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Prefix { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Active { get; set; }

    [BindProperty(SupportsGet = true, Name = "group")]
    public string? GroupId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public UserPage Users { get; private set; } = new([], null);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var page = await sender.TryAskAsync(new SearchUsers(Blank(Prefix), Blank(Email), Active, Blank(GroupId), Blank(After)), cancellationToken);
        if (!page.Succeeded)
        {
            return Refused(page.Error.Description);
        }

        Users = page.Value;
        return Page();
    }

    public string NextPage() => Routes.ConsoleUsers + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Blank(Prefix),
        ["email"] = Blank(Email),
        ["active"] = Active?.ToString().ToLowerInvariant(),
        ["group"] = Blank(GroupId),
        ["after"] = Users.NextAfter,
    }.Where(p => p.Value is not null));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
