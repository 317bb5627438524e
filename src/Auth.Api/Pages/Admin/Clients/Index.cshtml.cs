using Auth.Application.Clients;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Auth.Api.Pages.Admin.Clients;

/// <summary>The clients, searched by id prefix a page at a time, and the form that creates one (its generated secret shown once).</summary>
public sealed class IndexModel(ISender sender) : ConsolePage
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Prefix { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty]
    public string? ClientId { get; set; }

    /// <summary>"confidential" (a secret is generated) or "public".</summary>
    [BindProperty]
    public string? ClientType { get; set; }

    [BindProperty]
    public ClientSettingsForm Settings { get; set; } = new();

    public ClientPage Clients { get; private set; } = new([], null);

    /// <summary>The client just created, with its generated secret, shown this once.</summary>
    public CreatedClient? Created { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var confidential = ClientType != "public";
        var created = await sender.TrySendAsync(new CreateClient(Settings.ForNewClient(ClientId?.Trim() ?? string.Empty), confidential), cancellationToken);
        if (!created.Succeeded)
        {
            await ShowAsync(cancellationToken);
            return Refused(created.Error);
        }

        Created = created.Value;
        Notice = $"The client {created.Value.Client.ClientId} is created.";
        ClientId = null;
        Settings = new();
        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        var page = await sender.TryAskAsync(new SearchClients(string.IsNullOrWhiteSpace(Prefix) ? null : Prefix.Trim(), After: After), cancellationToken);
        if (!page.Succeeded)
        {
            return Refused(page.Error.Description);
        }

        Clients = page.Value;
        return Page();
    }
}
