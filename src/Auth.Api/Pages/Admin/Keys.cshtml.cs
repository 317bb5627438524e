using Auth.Application.Keys;
using Auth.Infrastructure.Keys;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.Pages.Admin;

/// <summary>The token signing keys (public facts only) and their rotation, staged as the admin API's.</summary>
public sealed class KeysModel(ISender sender, SigningKeyRing ring) : ConsolePage
{
    public IReadOnlyList<SigningKeySummary> Keys { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Keys = await sender.Send(new ListSigningKeys(), cancellationToken);

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken cancellationToken)
    {
        var rotated = await sender.Send(new RotateSigningKey(), cancellationToken);

        // As the admin API's rotation: this node publishes the new key now, the others within the refresh interval.
        await ring.ReloadAsync(cancellationToken);
        Notice = $"The new key {rotated.NewKeyId} is published and signs from {Time(rotated.SignsFrom)}.";
        Keys = await sender.Send(new ListSigningKeys(), cancellationToken);
        return Page();
    }
}
