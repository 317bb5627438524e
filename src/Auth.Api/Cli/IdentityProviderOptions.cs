using System.CommandLine;
using Auth.Application.IdentityProviders;

namespace Auth.Api.Cli;

/// <summary>The options of <c>identity-providers add</c>: one per member of a seed file's identityProviders[] entry.</summary>
public sealed class IdentityProviderOptions
{
    private readonly Option<string> _id = VerbOptions.Required("--id", "ID", "Lower-case letters, digits and inner hyphens; part of the callback path /signin/ID/callback.");
    private readonly Option<string> _name = VerbOptions.Required("--name", "NAME", "The text of the sign-in button.");
    private readonly Option<string> _kind = VerbOptions.Text("--kind", "KIND", "oidc (default), entra or okta.");
    private readonly Option<string> _issuer = VerbOptions.Text("--issuer", "URL", "The issuer whose discovery document describes the provider (for entra: derived from --tenant).");
    private readonly Option<string> _tenant = VerbOptions.Text("--tenant", "TENANT", "entra: the tenant id, or organizations/common for a multi-tenant application.");
    private readonly Option<string[]> _allowedTenants = VerbOptions.List("--allowed-tenant", "TENANT", "Multi-tenant entra: a tenant id whose accounts may sign in.");
    private readonly Option<string> _clientId = VerbOptions.Required("--client-id", "ID", "The application's id at the provider.");
    private readonly Option<string> _authentication = VerbOptions.Text("--auth", "METHOD", "client_secret_basic (default), client_secret_post or private_key_jwt.");
    private readonly Option<string> _secret = VerbOptions.Text("--client-secret", "SECRET", "The application's secret, 12 to 512 characters (client_secret_basic, client_secret_post).");
    private readonly Option<bool> _secretStdin = VerbOptions.Flag("--client-secret-stdin",
        "Read the client secret from the first line of standard input, out of the process list and the shell history.");
    private readonly Option<string[]> _scopes = VerbOptions.List("--scope", "SCOPE", "A scope to ask the provider for (default: openid profile email).");
    private readonly Option<string> _subjectClaim = VerbOptions.Text("--subject-claim", "CLAIM", "The claim that names a person for good (default: sub; oid for entra).");
    private readonly Option<string> _userNameClaim = VerbOptions.Text("--username-claim", "CLAIM", "Default: preferred_username.");
    private readonly Option<string> _emailClaim = VerbOptions.Text("--email-claim", "CLAIM", "Default: email.");
    private readonly Option<string> _givenNameClaim = VerbOptions.Text("--given-name-claim", "CLAIM", "Default: given_name.");
    private readonly Option<string> _familyNameClaim = VerbOptions.Text("--family-name-claim", "CLAIM", "Default: family_name.");
    private readonly Option<string> _displayNameClaim = VerbOptions.Text("--display-name-claim", "CLAIM", "Default: name.");
    private readonly Option<string[]> _domains = VerbOptions.List("--domain", "DOMAIN", "An e-mail domain the provider owns (home-realm discovery, linking scope).");
    private readonly Option<string> _externalIdClaim = VerbOptions.Text("--link-external-id-claim", "CLAIM", "Link by the externalId --provisioning-client set over SCIM.");
    private readonly Option<string> _provisioningClient = VerbOptions.Text("--provisioning-client", "CLIENT", "The SCIM client that provisions this provider's people.");
    private readonly Option<bool> _linkUserName = VerbOptions.Flag("--link-username", "Link a first sign-in by user name (linking.userName).");
    private readonly Option<bool> _linkVerifiedEmail = VerbOptions.Flag("--link-verified-email", "Link a first sign-in by a verified address in the provider's domains.");
    private readonly Option<bool> _allowAdditionalLinks = VerbOptions.Flag("--allow-additional-links", "Allow linking a user already linked to another provider.");
    private readonly Option<bool> _justInTime = VerbOptions.Flag("--jit", "Create a user no rule matches (linking.justInTime).");
    private readonly Option<bool> _trustMfa = VerbOptions.Flag("--trust-mfa", "Count the provider's multi-factor sign-in here (mfa.trustUpstream).");
    private readonly Option<string[]> _acrValues = VerbOptions.List("--mfa-acr", "ACR", "An acr value that counts as multi-factor.");
    private readonly Option<bool> _upstreamLogout = VerbOptions.Flag("--upstream-logout", "Logging out here also logs out at the provider.");
    private readonly Option<bool> _disabled = VerbOptions.Flag("--disabled", "Register the provider without offering it (enabled: false).");

    public Option<bool> Replace { get; } = VerbOptions.Flag("--replace", "Bring an existing provider with this id in line instead of refusing it.");

    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
        {
            _id, _name, _kind, _issuer, _tenant, _allowedTenants, _clientId, _authentication, _secret, _secretStdin, _scopes, _subjectClaim,
            _userNameClaim, _emailClaim, _givenNameClaim, _familyNameClaim, _displayNameClaim, _domains, _externalIdClaim,
            _provisioningClient, _linkUserName, _linkVerifiedEmail, _allowAdditionalLinks, _justInTime, _trustMfa, _acrValues,
            _upstreamLogout, _disabled, Replace,
        })
        {
            command.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetResult(_secret) is not null && result.GetResult(_secretStdin) is not null)
            {
                result.AddError("Give --client-secret or --client-secret-stdin, not both.");
            }
        });
    }

    public async Task<IdentityProviderDefinition> ReadAsync(VerbContext verb)
    {
        var defaults = new IdentityProviderClaims();
        return new IdentityProviderDefinition
        {
            Id = verb.Required(_id),
            DisplayName = verb.Required(_name),
            Kind = verb.Value(_kind) ?? IdentityProviderNames.Oidc,
            Issuer = verb.Value(_issuer),
            Tenant = verb.Value(_tenant),
            AllowedTenants = verb.Value(_allowedTenants) ?? [],
            ClientId = verb.Required(_clientId),
            ClientAuthentication = verb.Value(_authentication) ?? IdentityProviderNames.ClientSecretBasic,
            ClientSecret = verb.Value(_secretStdin) ? await Console.In.ReadLineAsync(verb.CancellationToken) : verb.Value(_secret),
            Scopes = verb.Value(_scopes) is { Length: > 0 } scopes ? scopes : IdentityProviderDefinition.DefaultScopes,
            Claims = new IdentityProviderClaims
            {
                Subject = verb.Value(_subjectClaim),
                UserName = verb.Value(_userNameClaim) ?? defaults.UserName,
                Email = verb.Value(_emailClaim) ?? defaults.Email,
                GivenName = verb.Value(_givenNameClaim) ?? defaults.GivenName,
                FamilyName = verb.Value(_familyNameClaim) ?? defaults.FamilyName,
                DisplayName = verb.Value(_displayNameClaim) ?? defaults.DisplayName,
            },
            Domains = verb.Value(_domains) ?? [],
            Linking = new IdentityProviderLinking
            {
                ExternalIdClaim = verb.Value(_externalIdClaim),
                ProvisioningClient = verb.Value(_provisioningClient),
                UserName = verb.Value(_linkUserName),
                VerifiedEmail = verb.Value(_linkVerifiedEmail),
                AllowAdditionalLinks = verb.Value(_allowAdditionalLinks),
                JustInTime = verb.Value(_justInTime),
            },
            Mfa = new IdentityProviderMfa { TrustUpstream = verb.Value(_trustMfa), AcrValues = verb.Value(_acrValues) ?? [] },
            UpstreamLogout = verb.Value(_upstreamLogout),
            Enabled = !verb.Value(_disabled),
        };
    }
}
