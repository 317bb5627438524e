using System.Security.Cryptography;
using Auth.Api.OAuth;
using Auth.Infrastructure.IdentityProviders;
using Auth.Infrastructure.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Client;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Auth.Api.Federation;

/// <summary>
/// Gives OpenIddict's client one registration per enabled provider of the <see cref="IdentityProviderCatalog"/>, and
/// state-token keys derived from the master key, so a sign-in started on one node completes on any other. The
/// catalog's change token rebuilds the options when a provider is added, changed or removed, on every node.
/// </summary>
public sealed partial class ProviderRegistrations(
    IdentityProviderCatalog catalog,
    MasterKey masterKey,
    IServiceProvider services,
    IOptions<OAuthOptions> oauth,
    IOptions<FederationOptions> federation,
    ILogger<ProviderRegistrations> logger)
    : IConfigureOptions<OpenIddictClientOptions>, IOptionsChangeTokenSource<OpenIddictClientOptions>
{
    private const string StateEncryptionPurpose = "auth-idp-state-encryption-v1";
    private const string StateSigningPurpose = "auth-idp-state-signing-v1";

    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => catalog.GetChangeToken();

    public void Configure(OpenIddictClientOptions options)
    {
        options.EncryptionCredentials.Add(new EncryptingCredentials(
            new SymmetricSecurityKey(masterKey.DeriveKey(StateEncryptionPurpose, 32)) { KeyId = "idp-enc-1" },
            SecurityAlgorithms.Aes256KW,
            SecurityAlgorithms.Aes256CbcHmacSha512));
        options.SigningCredentials.Add(new SigningCredentials(
            new SymmetricSecurityKey(masterKey.DeriveKey(StateSigningPurpose, 32)) { KeyId = "idp-sig-1" },
            SecurityAlgorithms.HmacSha256));

        var providers = catalog.Providers.Where(p => p.Provider.Enabled).ToList();
        if (providers.Count == 0)
        {
            return;
        }

        options.GrantTypes.Add(GrantTypes.AuthorizationCode);
        options.ResponseTypes.Add(ResponseTypes.Code);
        var service = services.GetRequiredService<OpenIddictClientService>();
        foreach (var provider in providers)
        {
            try
            {
                options.Registrations.Add(ClientRegistration.For(provider, oauth.Value.Issuer, federation.Value, service));
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or UriFormatException or CryptographicException)
            {
                // Whatever throws here would throw from every request that reads the client options.
                LogSkipped(logger, provider.Id, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Identity provider {ProviderId} is left out of the sign-in client: its settings cannot be used.")]
    private static partial void LogSkipped(ILogger logger, string providerId, Exception exception);
}
