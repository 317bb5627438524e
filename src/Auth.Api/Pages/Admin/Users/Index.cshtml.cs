using Auth.Application.Users;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.Pages.Admin.Users;

/// <summary>
/// The users, searched by user name prefix, address, state or group, a page at a time, and the form that creates one
/// (<see cref="CreateUser"/>, as the admin API's <c>POST /admin/v1/users</c>: a taken name is a conflict), then on to
/// the new user's page.
/// </summary>
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

    [BindProperty(Name = "New")]
    public NewUserForm New { get; set; } = new();

    public UserPage Users { get; private set; } = new([], null);

    /// <summary>Whether this answers the creation form (its refusal is shown in the form, a search's above the list).</summary>
    public bool Creating { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Creating = true;
        var definition = New.ToDefinition();
        var created = await sender.TrySendAsync(new CreateUser(definition), cancellationToken);
        if (!created.Succeeded)
        {
            await ShowAsync(cancellationToken);
            return Refused(created.Error);
        }

        // On to the new user's page, where a password is given (and a reload does not post the form again).
        return LocalRedirect(Routes.ForConsole(Routes.ConsoleUser, created.Value) + "?created=true");
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        var page = await sender.TryAskAsync(new SearchUsers(ConsolePage.Trimmed(Prefix), ConsolePage.Trimmed(Email), Active, ConsolePage.Trimmed(GroupId), ConsolePage.Trimmed(After)), cancellationToken);
        if (!page.Succeeded)
        {
            return Refused(page.Error.Description);
        }

        Users = page.Value;
        return Page();
    }

    public string NextPage() => Routes.ConsoleUsers + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = ConsolePage.Trimmed(Prefix),
        ["email"] = ConsolePage.Trimmed(Email),
        ["active"] = Active?.ToString().ToLowerInvariant(),
        ["group"] = ConsolePage.Trimmed(GroupId),
        ["after"] = Users.NextAfter,
    }.Where(p => p.Value is not null));
}
