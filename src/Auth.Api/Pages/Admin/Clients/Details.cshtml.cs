using Auth.Application.Clients;
using Auth.Application.Results;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Auth.Api.Pages.Admin.Clients;

/// <summary>One client: its settings (never its secret), a new secret (shown once, the old one kept for a chosen time), removal after confirmation.</summary>
public sealed class DetailsModel(ISender sender) : ConsolePage
{
    /// <summary>How long the replaced secret may still be used, in seconds, as the rotation form offers.</summary>
    public static IReadOnlyList<(int Seconds, string Label)> Overlaps { get; } =
        [(0, "No: the old secret stops now"), (3600, "1 hour"), (86_400, "1 day"), (604_800, "7 days")];

    [FromRoute(Name = "clientId")]
    public string ClientId { get; set; } = string.Empty;

    [BindProperty]
    public int KeepPreviousFor { get; set; }

    [BindProperty]
    public ClientSettingsForm Settings { get; set; } = new();

    /// <summary>The version the edit form was read at: a change made meanwhile (by the API, another administrator) is not overwritten.</summary>
    [BindProperty]
    public string? Version { get; set; }

    [BindProperty]
    public bool Confirm { get; set; }

    public ClientDetails Client { get; private set; } = default!;

    private static Error Stale => Error.Conflict("Someone changed the client since this page was read; its settings below are the current ones.");

    /// <summary>The secret a rotation just generated, shown this once.</summary>
    public RotatedClientSecret? Rotated { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken cancellationToken)
    {
        var rotated = await sender.TrySendAsync(new RotateClientSecret(ClientId, PreviousSecretValidFor: KeepPreviousFor > 0 ? KeepPreviousFor : null), cancellationToken);
        if (!rotated.Succeeded)
        {
            return await RefusedAsync(rotated.Error, cancellationToken);
        }

        Rotated = rotated.Value;
        Notice = rotated.Value.PreviousSecretValidUntil is { } until
            ? $"A new secret is made; the previous one works until {Time(until)}."
            : "A new secret is made; the previous one no longer works, and the tokens issued with it are cut off.";
        return await ShowAsync(cancellationToken);
    }

    /// <summary>
    /// Changes what the form shows (<see cref="ClientSettingsForm"/>: the whole registration but the secret, which only
    /// a rotation changes). Refused (400) with the form as posted when a field cannot be read or a rule refuses it, and
    /// (409) when the client changed since the form was read.
    /// </summary>
    public async Task<IActionResult> OnPostEditAsync(CancellationToken cancellationToken)
    {
        var current = await sender.Send(new GetClient(ClientId), cancellationToken);
        if (!current.Succeeded)
        {
            return NotFound();
        }

        var client = current.Value;
        if (!string.Equals(Version, client.Version, StringComparison.Ordinal))
        {
            return await RefusedAsync(Stale, cancellationToken);
        }

        var definition = Settings.ForClient(client);
        if (!definition.Succeeded)
        {
            return await RefusedAsync(definition.Error, cancellationToken, keepForm: true);
        }

        var updated = await sender.TrySendAsync(new UpdateClient(definition.Value, Version ?? string.Empty), cancellationToken);
        if (!updated.Succeeded)
        {
            return await RefusedAsync(updated.Error.Kind == ErrorKind.PreconditionFailed ? Stale : updated.Error,
                cancellationToken, keepForm: updated.Error.Kind != ErrorKind.PreconditionFailed);
        }

        Notice = "The client is changed.";
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (!Confirm)
        {
            return await RefusedAsync(Error.Invalid("Tick the box to confirm the removal."), cancellationToken);
        }

        var removed = await sender.TrySendAsync(new RemoveClient(ClientId), cancellationToken);
        return removed.Succeeded
            ? LocalRedirect(Routes.ConsoleClients)
            : await RefusedAsync(removed.Error, cancellationToken);
    }

    /// <param name="keepForm">Show the edit form as it was posted (its input was refused), not the stored settings.</param>
    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken, bool keepForm = false)
    {
        var found = await sender.Send(new GetClient(ClientId), cancellationToken);
        if (!found.Succeeded)
        {
            return NotFound();
        }

        Client = found.Value;

        // A form shown again as posted keeps the version it was read at: sent again, it still overwrites no change made since.
        if (!keepForm)
        {
            Settings = ClientSettingsForm.Of(Client);
            Version = Client.Version;
        }

        return Page();
    }

    private async Task<IActionResult> RefusedAsync(Error error, CancellationToken cancellationToken, bool keepForm = false)
    {
        var page = await ShowAsync(cancellationToken, keepForm);
        return page is PageResult
            ? Refused(error)
            : page;
    }
}
