using Auth.Application.Admin;
using Auth.Application.Keys;
using Mediator;

namespace Auth.Api.Pages.Admin;

/// <summary>The console's dashboard: users and sessions counted, the signing key's age, the latest failures.</summary>
public sealed class IndexModel(ISender sender, TimeProvider clock) : ConsolePage
{
    public ConsoleOverview Overview { get; private set; } = default!;

    public SigningKeySummary? Signer { get; private set; }

    public TimeSpan? SignerAge => Signer is null ? null : clock.GetUtcNow() - Signer.CreatedAt;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Overview = await sender.Send(new GetConsoleOverview(), cancellationToken);
        Signer = (await sender.Send(new ListSigningKeys(), cancellationToken)).FirstOrDefault(k => k.Signing);
    }
}
