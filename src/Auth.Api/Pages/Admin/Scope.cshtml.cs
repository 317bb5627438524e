using Auth.Application.Results;
using Auth.Application.Scopes;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Auth.Api.Pages.Admin;

/// <summary>
/// One scope (named in the query, <see cref="Routes.ForConsoleScope"/>): its settings changed, or it removed after
/// confirmation while no client may ask for it. A built-in scope is shown, never changed.
/// </summary>
public sealed class ScopeModel(ISender sender) : ConsolePage
{
    [FromQuery(Name = "name")]
    public string ScopeName { get; set; } = string.Empty;

    [BindProperty]
    public ScopeForm Settings { get; set; } = new();

    /// <summary>The version the edit form was read at: a change made meanwhile (by the API, another administrator) is not overwritten.</summary>
    [BindProperty]
    public string? Version { get; set; }

    [BindProperty]
    public bool Confirm { get; set; }

    public RegisteredScope Scope { get; private set; } = default!;

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    /// <summary>Replaces the display name, description and resources; refused (409) when the scope changed since the form was read.</summary>
    public async Task<IActionResult> OnPostEditAsync(CancellationToken cancellationToken)
    {
        var updated = await sender.TrySendAsync(new UpdateScope(Settings.ToDefinition(ScopeName), Version ?? string.Empty), cancellationToken);
        if (!updated.Succeeded)
        {
            var stale = updated.Error.Kind == ErrorKind.PreconditionFailed;
            return await RefusedAsync(
                stale ? Error.Conflict("Someone changed the scope since this page was read; its settings below are the current ones.") : updated.Error,
                cancellationToken,
                keepForm: !stale);
        }

        Notice = "The scope is changed.";
        return await ShowAsync(cancellationToken);
    }

    /// <summary>Removes the scope; refused (409, naming them) while a client may ask for it.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (!Confirm)
        {
            return await RefusedAsync(Error.Invalid("Tick the box to confirm the removal."), cancellationToken);
        }

        var removed = await sender.TrySendAsync(new RemoveScope(ScopeName, Version), cancellationToken);
        if (!removed.Succeeded)
        {
            return await RefusedAsync(removed.Error.Kind == ErrorKind.PreconditionFailed
                ? Error.Conflict("Someone changed the scope since this page was read; nothing was removed.")
                : removed.Error, cancellationToken);
        }

        return LocalRedirect(Routes.ConsoleScopes);
    }

    /// <param name="keepForm">Show the edit form as it was posted (its input was refused), not the stored settings.</param>
    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken, bool keepForm = false)
    {
        var found = await sender.Send(new GetScope(ScopeName), cancellationToken);
        if (!found.Succeeded)
        {
            return NotFound();
        }

        Scope = found.Value;

        // A form shown again as posted keeps the version it was read at: sent again, it still overwrites no change made since.
        if (!keepForm)
        {
            Settings = ScopeForm.Of(Scope.Definition);
            Version = Scope.Version;
        }

        return Page();
    }

    private async Task<IActionResult> RefusedAsync(Error error, CancellationToken cancellationToken, bool keepForm = false)
    {
        var page = await ShowAsync(cancellationToken, keepForm);
        return page is PageResult ? Refused(error) : page;
    }
}
