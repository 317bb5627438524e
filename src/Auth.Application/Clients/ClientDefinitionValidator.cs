using System.Text.RegularExpressions;
using Auth.Application.Admin;
using FluentValidation;

namespace Auth.Application.Clients;

public sealed partial class ClientDefinitionValidator : AbstractValidator<ClientDefinition>
{
    public const int MinimumSecretLength = 12;

    public const int MaximumRoleLength = 100;

    public const int MaximumGroupLength = 256;

    public ClientDefinitionValidator()
        : this(secretRequiredForClientCredentials: true)
    {
    }

    /// <param name="secretRequiredForClientCredentials">
    /// False where the secret is not the caller's to state: the admin API generates one for a new confidential client,
    /// and a change of definition keeps the stored one.
    /// </param>
    public ClientDefinitionValidator(bool secretRequiredForClientCredentials)
    {
        RuleFor(c => c.ClientId)
            .NotEmpty()
            .MaximumLength(100)
            .Matches("^[A-Za-z0-9._~-]+$")
            .WithMessage("A client id uses only letters, digits and . _ ~ - (RFC 3986 unreserved characters).");

        RuleFor(c => c.ClientSecret)
            .MinimumLength(MinimumSecretLength)
            .MaximumLength(512)
            .When(c => c.ClientSecret is not null);

        RuleFor(c => c.GrantTypes)
            .NotEmpty()
            .WithMessage("A client needs at least one grant type.");

        RuleForEach(c => c.GrantTypes)
            .Must(ClientGrantTypes.Supported.Contains)
            .WithMessage(g => $"Grant types supported: {string.Join(", ", ClientGrantTypes.Supported)}.");

        RuleFor(c => c.ClientSecret)
            .NotNull()
            .When(c => secretRequiredForClientCredentials && !c.HasKeys && c.GrantTypes.Any(ClientGrantTypes.ConfidentialOnly.Contains))
            .WithMessage(c => $"The {c.GrantTypes.First(ClientGrantTypes.ConfidentialOnly.Contains)} grant needs a client secret or a jwks (or a jwksUri).");

        // One way to authenticate per client: keys replace the secret, so a leaked secret cannot stand in for them.
        RuleFor(c => c.ClientSecret)
            .Null()
            .When(c => c.Jwks is not null)
            .WithMessage("A client has a client secret or a jwks, not both.");

        RuleFor(c => c.Jwks)
            .Must(jwks => ClientKeySet.Problem(jwks!.Value) is null)
            .When(c => c.Jwks is not null)
            .WithMessage(c => ClientKeySet.Problem(c.Jwks!.Value)!);

        RuleFor(c => c.ClientSecret)
            .Null()
            .When(c => c.JwksUri is not null)
            .WithMessage("A client has a client secret or a jwksUri, not both.");

        RuleFor(c => c.Jwks)
            .Null()
            .When(c => c.JwksUri is not null)
            .WithMessage("A client has a jwks or a jwksUri, not both (RFC 7591 §2).");

        RuleFor(c => c.JwksUri)
            .Must(uri => ClientKeySet.UriProblem(uri!) is null)
            .When(c => c.JwksUri is not null)
            .WithMessage(c => ClientKeySet.UriProblem(c.JwksUri!)!);

        RuleFor(c => c.RedirectUris)
            .NotEmpty()
            .When(c => c.GrantTypes.Contains(ClientGrantTypes.AuthorizationCode))
            .WithMessage("The authorization_code grant needs at least one redirect URI.");

        RuleFor(c => c.RequirePushedAuthorizationRequests)
            .Equal(false)
            .When(c => !c.GrantTypes.Contains(ClientGrantTypes.AuthorizationCode))
            .WithMessage("requirePushedAuthorizationRequests is for a client with the authorization_code grant.");

        RuleForEach(c => c.RedirectUris).Must(BeAnAbsoluteUriWithoutFragment)
            .WithMessage("Redirect URIs must be absolute and have no fragment (RFC 6749 §3.1.2).");

        RuleForEach(c => c.PostLogoutRedirectUris).Must(uri => BeAnAbsoluteUriWithoutFragment(uri) && !IsScript(uri))
            .WithMessage("Post-logout redirect URIs must be absolute and have no fragment, and are never javascript:, data: or vbscript: addresses.");

        RuleForEach(c => c.AllowedCorsOrigins).Must(origin => CorsOrigin.Normalize(origin) is not null)
            .WithMessage("An allowed CORS origin is a scheme, host and port alone, as a browser sends it (https://app.example.com; http only on a loopback host): no path, query, wildcard or \"null\".");

        RuleFor(c => c.UserinfoSignedResponseAlg)
            .Equal(UserInfoSigning.Algorithm)
            .When(c => c.UserinfoSignedResponseAlg is not null)
            .WithMessage($"Userinfo answers are signed with {UserInfoSigning.Algorithm} alone (userinfoSignedResponseAlg, userinfo_signed_response_alg); leave it out for plain JSON.");

        RuleFor(c => c.RequestObjectSigningAlg)
            .Must(alg => RequestObjectSigning.Algorithms.Contains(alg!, StringComparer.Ordinal))
            .When(c => c.RequestObjectSigningAlg is not null)
            .WithMessage($"Request objects are signed with one of {string.Join(", ", RequestObjectSigning.Algorithms)} (requestObjectSigningAlg, request_object_signing_alg).");

        RuleFor(c => c.RequestObjectSigningAlg)
            .Must(alg => alg == RequestObjectSigning.None)
            .When(c => c.RequestObjectSigningAlg is not null && !c.HasKeys)
            .WithMessage("A signed request object is checked with the client's keys: a requestObjectSigningAlg other than none needs a jwks or a jwksUri.");

        RuleFor(c => c.RequireSignedRequestObject)
            .Equal(false)
            .When(c => !c.HasKeys || !c.GrantTypes.Contains(ClientGrantTypes.AuthorizationCode) || c.RequestObjectSigningAlg == RequestObjectSigning.None)
            .WithMessage("requireSignedRequestObject is for a client with the authorization_code grant, a jwks or a jwksUri, and a requestObjectSigningAlg other than none.");

        RuleForEach(c => c.RequestUris)
            .Must(uri => RequestUriReference.Problem(uri) is null)
            .WithMessage((_, uri) => RequestUriReference.Problem(uri)!);

        RuleFor(c => c.RequestUris.Count)
            .LessThanOrEqualTo(RequestUriReference.MaximumUris)
            .WithMessage($"A client registers at most {RequestUriReference.MaximumUris} requestUris.");

        RuleFor(c => c.RequestUris)
            .Empty()
            .When(c => !c.GrantTypes.Contains(ClientGrantTypes.AuthorizationCode))
            .WithMessage("requestUris are for a client with the authorization_code grant: request objects are authorization requests.");

        RuleFor(c => c.BackchannelLogoutUri)
            .Must(BeABackChannelLogoutUri!)
            .When(c => c.BackchannelLogoutUri is not null)
            .WithMessage("The backchannel logout URI must be an absolute https URL (http only on a loopback host) without a fragment (OpenID Connect Back-Channel Logout 1.0 §2.2).");

        // An update keeps the stored secret without stating it (secretRequiredForClientCredentials: false): UpdateClient
        // checks plain http against the stored client instead.
        RuleFor(c => c.FrontchannelLogoutUri)
            .Cascade(CascadeMode.Stop)
            .Must(uri => FrontChannelLogoutUri.IsWellFormed(uri!))
            .WithMessage(FrontChannelLogoutUri.NotWellFormed)
            .Must((client, uri) => FrontChannelLogoutUri.SharesARedirectUriOrigin(uri!, client.RedirectUris))
            .WithMessage(FrontChannelLogoutUri.NotOnARedirectOrigin)
            .Must((client, uri) => !secretRequiredForClientCredentials || client.IsConfidential || !FrontChannelLogoutUri.IsPlainHttp(uri!))
            .WithMessage(FrontChannelLogoutUri.PlainHttpFromAPublicClient)
            .When(c => c.FrontchannelLogoutUri is not null);

        RuleFor(c => c.LogoUri)
            .Must(uri => ClientLinks.Problem(uri!, "logoUri") is null)
            .When(c => c.LogoUri is not null)
            .WithMessage(c => ClientLinks.Problem(c.LogoUri!, "logoUri (logo_uri)")!);

        RuleFor(c => c.PolicyUri)
            .Must(uri => ClientLinks.Problem(uri!, "policyUri") is null)
            .When(c => c.PolicyUri is not null)
            .WithMessage(c => ClientLinks.Problem(c.PolicyUri!, "policyUri (policy_uri)")!);

        RuleFor(c => c.TosUri)
            .Must(uri => ClientLinks.Problem(uri!, "tosUri") is null)
            .When(c => c.TosUri is not null)
            .WithMessage(c => ClientLinks.Problem(c.TosUri!, "tosUri (tos_uri)")!);

        RuleFor(c => c.ClientUri)
            .Must(uri => ClientLinks.Problem(uri!, "clientUri") is null)
            .When(c => c.ClientUri is not null)
            .WithMessage(c => ClientLinks.Problem(c.ClientUri!, "clientUri (client_uri)")!);

        RuleFor(c => c.Contacts.Count)
            .LessThanOrEqualTo(ClientContacts.MaximumCount)
            .WithMessage($"A client has at most {ClientContacts.MaximumCount} contacts.")
            .OverridePropertyName(nameof(ClientDefinition.Contacts));

        RuleForEach(c => c.Contacts)
            .Must(ClientContacts.IsAddress)
            .WithMessage(ClientContacts.Rule);

        RuleForEach(c => c.Scopes).NotEmpty().Matches("^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$")
            .WithMessage("A scope is one token of printable characters without space, quote or backslash (RFC 6749 §3.3).");

        // The admin API acts for a client an operator registered for it, never for a user who signed in to it.
        RuleFor(c => c.Scopes)
            .Must(scopes => !scopes.Any(AdminScopes.Names.Contains))
            .When(c => c.GrantTypes.Any(g => g != ClientGrantTypes.ClientCredentials))
            .WithMessage("The admin API's scopes (admin.*) are for a client with the client_credentials grant alone.");

        RuleFor(c => c.AccessTokenLifetime)
            .InclusiveBetween(1, 86_400)
            .When(c => c.AccessTokenLifetime is not null)
            .WithMessage("The access-token lifetime is between 1 second and 24 hours.");

        RuleFor(c => c.RefreshTokenLifetime)
            .InclusiveBetween(1, 365 * 86_400)
            .When(c => c.RefreshTokenLifetime is not null)
            .WithMessage("The refresh-token lifetime is between 1 second and 365 days.");

        RuleFor(c => c.RefreshTokenAbsoluteLifetime)
            .InclusiveBetween(1, 365 * 86_400)
            .When(c => c.RefreshTokenAbsoluteLifetime is not null)
            .WithMessage("The absolute refresh-token lifetime is between 1 second and 365 days.");

        RuleFor(c => c.GroupsClaim)
            .Must(g => g is null || GroupsClaimValue.Supported.Contains(g))
            .WithMessage($"groupsClaim is {GroupsClaimValue.DisplayName} or {GroupsClaimValue.Id}.");

        RuleForEach(c => c.Roles)
            .Must(role => !string.IsNullOrWhiteSpace(role.Key) && role.Key.Length <= MaximumRoleLength && !role.Key.Any(char.IsControl))
            .WithMessage($"A role name is 1 to {MaximumRoleLength} characters, without control characters.")
            .Must(role => role.Value is { Count: > 0 } groups && groups.All(g => !string.IsNullOrWhiteSpace(g) && g.Length <= MaximumGroupLength))
            .WithMessage((_, role) => $"Role '{role.Key}' must name at least one group, each 1 to {MaximumGroupLength} characters.");
    }

    // On Unix, .NET parses "/relative/cb" as an absolute file URI: insist on a scheme written out (RFC 3986 §3.1).
    // JSON may hold null where a URI is expected: not a URI, never an exception.
    private static bool BeAnAbsoluteUriWithoutFragment(string? value) =>
        value is not null && SchemePrefix().IsMatch(value) &&
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && !uri.IsFile && string.IsNullOrEmpty(uri.Fragment);

    // Logout tokens are bearer proof that a session ended: sent over TLS, unless to this machine (a developer's app).
    private static bool BeABackChannelLogoutUri(string value) =>
        BeAnAbsoluteUriWithoutFragment(value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) && OutboundUri.IsHttpsOrLoopback(uri);

    // A browser sent there (the front-channel logout page goes on by script) would run it on this server's origin.
    private static bool IsScript(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "javascript" or "data" or "vbscript";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex SchemePrefix();
}
