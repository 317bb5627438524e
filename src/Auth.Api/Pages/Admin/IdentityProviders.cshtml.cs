using Auth.Application.IdentityProviders;
using Mediator;

namespace Auth.Api.Pages.Admin;

/// <summary>The upstream identity providers people sign in with (never a secret or private key).</summary>
public sealed class IdentityProvidersModel(ISender sender) : ConsolePage
{
    public IReadOnlyList<IdentityProviderSummary> Providers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Providers = await sender.Send(new ListIdentityProviders(), cancellationToken);
}
