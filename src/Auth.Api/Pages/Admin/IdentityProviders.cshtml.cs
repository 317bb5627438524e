using Auth.Application.IdentityProviders;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.Pages.Admin;

/// <summary>
/// The upstream identity providers people sign in with (never a secret or private key), the form that registers one
/// (<see cref="NewIdentityProviderForm"/>, through <see cref="RegisterIdentityProvider"/> as the admin API's
/// <c>POST /admin/v1/identity-providers</c>: a taken id or domain is a conflict), and removal after a confirmation
/// (<see cref="RemoveIdentityProvider"/>: the sessions begun through it end).
/// </summary>
public sealed class IdentityProvidersModel(ISender sender) : ConsolePage
{
    [BindProperty(Name = "New")]
    public NewIdentityProviderForm New { get; set; } = new();

    /// <summary>The tick removal needs.</summary>
    [BindProperty]
    public bool Confirm { get; set; }

    public IReadOnlyList<IdentityProviderSummary> Providers { get; private set; } = [];

    /// <summary>Whether this answers the registration form (its refusal is shown in the form).</summary>
    public bool Registering { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Registering = true;
        var definition = New.ToDefinition();
        New.ClientSecret = null;
        if (definition.Kind == IdentityProviderNames.Entra && definition.Issuer is not null && definition.Tenant is not null)
        {
            // The issuer would lead discovery while the tenant decides which accounts are let in: one of them says it.
            await ShowAsync(cancellationToken);
            return Refused("For Microsoft Entra ID give the tenant id and leave the issuer empty: the issuer is derived from it.");
        }

        var registered = await sender.TrySendAsync(new RegisterIdentityProvider(definition), cancellationToken);
        if (!registered.Succeeded)
        {
            await ShowAsync(cancellationToken);
            return Refused(registered.Error);
        }

        Notice = $"The identity provider {definition.Id} is registered; every node's sign-in page offers it once it reloads its providers (IdentityProviders:RefreshInterval, 30 seconds by default).";
        New = new();
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync([FromForm(Name = "provider")] string? id, CancellationToken cancellationToken)
    {
        if (!Confirm)
        {
            await ShowAsync(cancellationToken);
            return Refused($"Tick the confirmation to remove {id}: the sessions begun through it end.");
        }

        var removed = await sender.TrySendAsync(new RemoveIdentityProvider(id ?? string.Empty), cancellationToken);
        if (!removed.Succeeded)
        {
            await ShowAsync(cancellationToken);
            return Refused(removed.Error);
        }

        Notice = $"The identity provider {removed.Value} is removed; the sessions begun through it have ended.";
        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Providers = await sender.Send(new ListIdentityProviders(), cancellationToken);
        return Page();
    }
}
