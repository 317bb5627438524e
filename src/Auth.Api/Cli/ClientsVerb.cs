using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Auth.Api.Admin;
using Auth.Api.OAuth;
using Auth.Application.Clients;
using Auth.Application.Keys;
using Auth.Infrastructure.Keys;

namespace Auth.Api.Cli;

public static class ClientsVerb
{
    public static Command Create(VerbRunner runner) => new("clients", "Register, list, show and remove OAuth clients; mint provisioning tokens.")
    {
        runner.Runs(new Command("list", "One tab-separated line per client: id, type, grants, scopes and display name."), ListAsync),
        Show(runner),
        Add(runner),
        Remove(runner),
        Token(runner),
        RegistrationToken(runner),
        new Command("secret", "Manage a client's secret.") { RotateSecret(runner) },
    };

    private static async Task<int> ListAsync(VerbContext verb)
    {
        foreach (var client in await verb.Sender.Send(new ListClients(), verb.CancellationToken))
        {
            verb.Output.WriteLine($"{client.ClientId}\t{client.ClientType}\tgrants={string.Join(',', client.GrantTypes)}\tscopes={string.Join(',', client.Scopes)}\t{client.DisplayName}");
        }

        return 0;
    }

    private static Command Show(VerbRunner runner)
    {
        var id = VerbOptions.Required("--id", "ID", "The client.");
        var command = new Command("show",
            "One tab-separated line per setting: its seed-file name, then its value (lists comma-separated, - when empty; default for a " +
            "lifetime the server's configuration sets; one roles line per ROLE=GROUP). Never the secret.") { id };
        return runner.Runs(command, async verb =>
        {
            var found = await verb.Sender.Send(new GetClient(verb.Required(id)), verb.CancellationToken);
            if (!found.Succeeded)
            {
                return await verb.FailAsync(found.Error);
            }

            var client = found.Value;
            foreach (var (setting, value) in new (string, string?)[]
            {
                ("clientId", client.ClientId),
                ("displayName", client.DisplayName),
                ("clientType", client.ClientType),
                ("firstParty", Flag(client.FirstParty)),
                ("selfRegistered", Flag(client.SelfRegistered)),
                ("requirePkce", Flag(client.RequirePkce)),
                ("requireMfa", Flag(client.RequireMfa)),
                ("requirePushedAuthorizationRequests", Flag(client.RequirePushedAuthorizationRequests)),
                ("requireDPoP", Flag(client.RequireDPoP)),
                ("userinfoSignedResponseAlg", client.UserinfoSignedResponseAlg),
                ("requestObjectSigningAlg", client.RequestObjectSigningAlg),
                ("requireSignedRequestObject", Flag(client.RequireSignedRequestObject)),
                ("requestUris", Joined(client.RequestUris)),
                ("grantTypes", Joined(client.GrantTypes)),
                ("scopes", Joined(client.Scopes)),
                ("redirectUris", Joined(client.RedirectUris)),
                ("postLogoutRedirectUris", Joined(client.PostLogoutRedirectUris)),
                ("allowedCorsOrigins", Joined(client.AllowedCorsOrigins)),
                ("accessTokenLifetime", Lifetime(client.AccessTokenLifetime)),
                ("refreshTokenLifetime", Lifetime(client.RefreshTokenLifetime)),
                ("refreshTokenAbsoluteLifetime", Lifetime(client.RefreshTokenAbsoluteLifetime)),
                ("groupsClaim", client.GroupsClaim),
                ("jwks", client.Jwks?.GetRawText()),
                ("backchannelLogoutUri", client.BackchannelLogoutUri),
                ("backchannelLogoutSessionRequired", Flag(client.BackchannelLogoutSessionRequired)),
                ("frontchannelLogoutUri", client.FrontchannelLogoutUri),
                ("frontchannelLogoutSessionRequired", Flag(client.FrontchannelLogoutSessionRequired)),
                ("jwksUri", client.JwksUri),
                ("logoUri", client.LogoUri),
                ("policyUri", client.PolicyUri),
                ("tosUri", client.TosUri),
                ("clientUri", client.ClientUri),
                ("contacts", Joined(client.Contacts)),
            })
            {
                verb.Output.WriteLine($"{setting}\t{(string.IsNullOrEmpty(value) ? "-" : value)}");
            }

            foreach (var (role, groups) in client.Roles)
            {
                foreach (var group in groups)
                {
                    verb.Output.WriteLine($"roles\t{role}={group}");
                }
            }

            return 0;
        });

        static string Flag(bool value) => value ? "true" : "false";
        static string Joined(IReadOnlyList<string> values) => string.Join(',', values);
        static string Lifetime(int? seconds) => seconds?.ToString(CultureInfo.InvariantCulture) ?? "default";
    }

    private static Command Add(VerbRunner runner)
    {
        var id = VerbOptions.Required("--id", "ID", "The client id: letters, digits and . _ ~ -");
        var secret = VerbOptions.Text("--secret", "SECRET", "The client secret, at least 12 characters; without one (or --jwks-file, --jwks-uri) the client is public.");
        var jwksFile = VerbOptions.Text("--jwks-file", "FILE",
            "A JSON Web Key Set of public keys the client signs private_key_jwt assertions with (jwks); instead of --secret.");
        var jwksUri = VerbOptions.Text("--jwks-uri", "URI",
            "Where the server fetches the client's public keys for private_key_jwt (jwksUri, https); instead of --secret or --jwks-file.");
        var name = VerbOptions.Text("--name", "NAME", "Human-readable name (default: the client id).");
        var grants = VerbOptions.List("--grant", "TYPE", "A grant type: authorization_code, refresh_token, client_credentials, urn:ietf:params:oauth:grant-type:device_code or urn:ietf:params:oauth:grant-type:token-exchange (confidential clients only).", required: true);
        var scopes = VerbOptions.List("--scope", "SCOPE", "A scope the client may ask for.");
        var redirectUris = VerbOptions.UriList("--redirect-uri", "URI", "A redirect URI, matched exactly.");
        var postLogoutUris = VerbOptions.UriList("--post-logout-redirect-uri", "URI", "A URI to return to after logout.");
        var corsOrigins = VerbOptions.List("--allowed-cors-origin", "ORIGIN",
            "A web origin (https://app.example.com) the client's browser app calls the token, userinfo, revocation, discovery and JWKS endpoints from (allowedCorsOrigins).");
        var accessLifetime = Seconds("--access-token-lifetime", "This client's access-token lifetime, 1 to 86,400 (default: OAuth:AccessTokenLifetime).");
        var refreshLifetime = Seconds("--refresh-token-lifetime", "Sliding refresh-token lifetime, 1 to 31,536,000 (default: OAuth:RefreshTokenLifetime).");
        var refreshAbsoluteLifetime = Seconds("--refresh-token-absolute-lifetime",
            "No refresh succeeds this long after the user signed in, 1 to 31,536,000 (default: OAuth:RefreshTokenAbsoluteLifetime).");
        var thirdParty = VerbOptions.Flag("--third-party", "A third-party client: users are asked for consent (firstParty: false).");
        var noPkce = VerbOptions.Flag("--no-pkce", "Do not require PKCE of a confidential client (requirePkce: false); public clients always need it.");
        var requireMfa = VerbOptions.Flag("--require-mfa", "Users of this client must give a second factor (requireMfa: true).");
        var requirePar = VerbOptions.Flag("--require-par",
            "Every authorization request must be pushed first, RFC 9126 (requirePushedAuthorizationRequests: true).");
        var requireDPoP = VerbOptions.Flag("--require-dpop",
            "Every token request must carry a DPoP proof, so its access tokens are bound to the client's key, RFC 9449 (requireDPoP: true).");
        var userInfoAlg = VerbOptions.Text("--userinfo-signed-response-alg", "RS256",
            "Answer the client's userinfo requests with a signed JWT, OpenID Connect Core 5.3.2 (userinfoSignedResponseAlg).");
        var requestObjectAlg = VerbOptions.Text("--request-object-signing-alg", "ALG",
            "The one algorithm the client's request objects may use: none, or RS256, PS256, ES256 and the like with its keys (requestObjectSigningAlg).");
        var requireSignedRequestObject = VerbOptions.Flag("--require-signed-request-object",
            "Every authorization request must be a request object the client signed, RFC 9101 (requireSignedRequestObject: true).");
        var requestUris = VerbOptions.UriList("--request-uri", "URI",
            "Where the client publishes a request object it passes by reference, OpenID Connect Core 6.2: https, or http on loopback (requestUris).");
        var backchannelLogoutUri = VerbOptions.Text("--backchannel-logout-uri", "URI",
            "Where logout tokens are POSTed when a session of the client ends: https, or http on loopback (backchannelLogoutUri).");
        var noSid = VerbOptions.Flag("--backchannel-logout-session-not-required",
            "The client does not need sid in its logout tokens (backchannelLogoutSessionRequired: false); it is sent anyway.");
        var frontchannelLogoutUri = VerbOptions.Text("--frontchannel-logout-uri", "URI",
            "The client's page the sign-out page loads in an iframe when a session of the client ends: https, or http on loopback for a confidential client, " +
            "on the scheme, host and port of a redirect URI (frontchannelLogoutUri).");
        var noFrontchannelSid = VerbOptions.Flag("--frontchannel-logout-session-not-required",
            "Load the front-channel logout URI without iss and sid (frontchannelLogoutSessionRequired: false).");
        var logoUri = VerbOptions.Text("--logo-uri", "URI", "The client's logo, shown on the sign-in, consent and device pages: https, or http on loopback (logoUri).");
        var policyUri = VerbOptions.Text("--policy-uri", "URI", "The client's privacy policy, linked from the sign-in, consent and device pages (policyUri).");
        var tosUri = VerbOptions.Text("--tos-uri", "URI", "The client's terms of service, linked from the sign-in, consent and device pages (tosUri).");
        var clientUri = VerbOptions.Text("--client-uri", "URI", "The client's home page, linked from the sign-in, consent and device pages (clientUri).");
        var contacts = VerbOptions.List("--contact", "EMAIL", "An e-mail address of someone responsible for the client, for operators; never shown to users (contacts).");
        var groupsClaim = VerbOptions.Text("--groups-claim", "displayName|id",
            "What the groups claim lists: the groups' displayNames (default) or their ids (groupsClaim).");
        var roles = VerbOptions.Pairs("--role", "ROLE=GROUP",
            "Members of the group (its displayName or id) get the role in this client's roles claim (roles).");
        var replace = VerbOptions.Flag("--replace",
            "Bring an existing client with this id in line with these options, as a seed file does, instead of refusing it: what is left out " +
            "takes its default (without --secret, --jwks-file or --jwks-uri the client becomes public); the same --secret keeps its tokens, " +
            "another replaces the secret and cuts them off.");
        var command = new Command("add", "Register a client with the rules of a seed-file entry; an id that exists is refused unless --replace.")
        {
            id, secret, jwksFile, jwksUri, name, grants, scopes, redirectUris, postLogoutUris, corsOrigins, accessLifetime, refreshLifetime, refreshAbsoluteLifetime,
            thirdParty, noPkce, requireMfa, requirePar, requireDPoP, userInfoAlg, requestObjectAlg, requireSignedRequestObject, requestUris, backchannelLogoutUri, noSid,
            frontchannelLogoutUri, noFrontchannelSid, logoUri, policyUri, tosUri, clientUri, contacts, groupsClaim, roles, replace,
        };
        return runner.Runs(command, async verb =>
        {
            var definition = new ClientDefinition
            {
                ClientId = verb.Required(id),
                ClientSecret = verb.Value(secret),
                Jwks = verb.Value(jwksFile) is { } file ? await ReadJwksAsync(file, verb.CancellationToken) : null,
                JwksUri = verb.Value(jwksUri),
                DisplayName = verb.Value(name),
                GrantTypes = verb.Required(grants),
                Scopes = verb.Value(scopes) ?? [],
                RedirectUris = verb.Value(redirectUris) ?? [],
                PostLogoutRedirectUris = verb.Value(postLogoutUris) ?? [],
                AllowedCorsOrigins = verb.Value(corsOrigins) ?? [],
                AccessTokenLifetime = verb.Value(accessLifetime),
                RefreshTokenLifetime = verb.Value(refreshLifetime),
                RefreshTokenAbsoluteLifetime = verb.Value(refreshAbsoluteLifetime),
                FirstParty = !verb.Value(thirdParty),
                RequirePkce = !verb.Value(noPkce),
                RequireMfa = verb.Value(requireMfa),
                RequirePushedAuthorizationRequests = verb.Value(requirePar),
                RequireDPoP = verb.Value(requireDPoP),
                UserinfoSignedResponseAlg = verb.Value(userInfoAlg),
                RequestObjectSigningAlg = verb.Value(requestObjectAlg),
                RequireSignedRequestObject = verb.Value(requireSignedRequestObject),
                RequestUris = verb.Value(requestUris) ?? [],
                BackchannelLogoutUri = verb.Value(backchannelLogoutUri),
                BackchannelLogoutSessionRequired = !verb.Value(noSid),
                FrontchannelLogoutUri = verb.Value(frontchannelLogoutUri),
                FrontchannelLogoutSessionRequired = !verb.Value(noFrontchannelSid),
                LogoUri = verb.Value(logoUri),
                PolicyUri = verb.Value(policyUri),
                TosUri = verb.Value(tosUri),
                ClientUri = verb.Value(clientUri),
                Contacts = verb.Value(contacts) ?? [],
                GroupsClaim = verb.Value(groupsClaim),
                Roles = VerbOptions.GroupPairs(verb.Value(roles) ?? []),
            };
            var added = await verb.Sender.Send(new RegisterClient(definition, verb.Value(replace)), verb.CancellationToken);
            if (!added.Succeeded)
            {
                return await verb.FailAsync(added.Error);
            }

            verb.Output.WriteLine($"Client '{definition.ClientId}' {(added.Value == ChangeOutcome.Created ? "added" : added.Value.ToString().ToLowerInvariant())}.");
            return 0;
        });
    }

    /// <summary>The JSON of a <c>--jwks-file</c>; a file that is not JSON is the operator's mistake (exit code 1), not a crash.</summary>
    private static async Task<JsonElement> ReadJwksAsync(string file, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(file, cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"--jwks-file {file} is not JSON: {ex.Message}", ex);
        }
    }

    private static Command Remove(VerbRunner runner)
    {
        var id = VerbOptions.Required("--id", "ID", "The client to remove.");
        return runner.Runs(new Command("remove", "Remove a client, with its tokens and authorizations (remembered consents included).") { id }, async verb =>
        {
            var removed = await verb.Sender.Send(new RemoveClient(verb.Required(id)), verb.CancellationToken);
            if (!removed.Succeeded)
            {
                return await verb.FailAsync(removed.Error);
            }

            verb.Output.WriteLine($"Client '{removed.Value}' removed, with its tokens and authorizations.");
            return 0;
        });
    }

    private static Command RotateSecret(VerbRunner runner)
    {
        var id = VerbOptions.Required("--id", "ID", "The confidential client.");
        var keep = VerbOptions.Duration("--keep-previous-for",
            $"How long the previous secret keeps working beside the new one, at most {ClientSecrets.MaximumOverlap.TotalDays:0}d " +
            "(default: it stops at once, and the client's tokens are cut off).");
        var command = new Command("rotate",
            "Give the client a new, generated secret, printed alone on standard output, this once; until when the previous one " +
            "works goes to standard error. Audited (client.secret_rotated).")
        {
            id, keep,
        };
        return runner.Runs(command, async verb =>
        {
            var rotated = await verb.Sender.Send(new RotateClientSecret(verb.Required(id), PreviousSecretValidFor: verb.Value(keep)), verb.CancellationToken);
            if (!rotated.Succeeded)
            {
                return await verb.FailAsync(rotated.Error);
            }

            verb.Output.WriteLine(rotated.Value.Secret);
            await verb.ErrorOutput.WriteLineAsync(rotated.Value.PreviousSecretValidUntil is { } until
                ? $"The previous secret works until {until:O}."
                : "The previous secret no longer works; tokens issued to the client were cut off.");
            return 0;
        });
    }

    private static Command RegistrationToken(VerbRunner runner)
    {
        var scopes = VerbOptions.List("--scope", "SCOPE", "A scope the registered client may name (default: ClientRegistration:Scopes).");
        var grants = VerbOptions.List("--grant", "GRANT", "A grant type the registered client may name (default: ClientRegistration:GrantTypes).");
        var expiresIn = VerbOptions.PositiveNumber("--expires-in", "SECONDS",
            "How long the token may be used, 60 to 2,592,000 seconds (default: ClientRegistration:InitialAccessTokenLifetime).");
        var command = new Command("registration-token",
            "Make an initial access token for one dynamic client registration (RFC 7591, POST /oauth/register). It is printed " +
            "alone on standard output, its expiry on standard error; only its hash is kept.")
        {
            scopes, grants, expiresIn,
        };
        return runner.Runs(command, async verb =>
        {
            var settings = verb.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClientRegistration.ClientRegistrationOptions>>().Value;
            var policy = settings.Policy;
            var allowance = new Auth.Application.Clients.Registration.RegistrationAllowance(
                verb.Value(scopes) is { Length: > 0 } named ? named : policy.Scopes, verb.Value(grants) is { Length: > 0 } allowed ? allowed : policy.GrantTypes);
            var lifetime = verb.Value(expiresIn) is { } seconds ? TimeSpan.FromSeconds(seconds) : settings.InitialAccessTokenLifetime;
            var created = await verb.Sender.Send(new Auth.Application.Clients.Registration.CreateInitialAccessToken(allowance, lifetime), verb.CancellationToken);
            if (!created.Succeeded)
            {
                return await verb.FailAsync(created.Error);
            }

            verb.Output.WriteLine(created.Value.Token);
            await verb.ErrorOutput.WriteLineAsync($"Expires {created.Value.ExpiresAt:O}; good for one registration.");
            return 0;
        });
    }

    private static Command Token(VerbRunner runner)
    {
        var id = VerbOptions.Required("--id", "ID", "The provisioning client.");
        var scope = VerbOptions.Text("--scope", "SCOPE", "The token's scope (default: scim); the client must be allowed it.");
        var days = VerbOptions.Number("--days", "DAYS", "The lifetime in whole days (default and maximum: SigningKeys:MaximumTokenLifetime, 31 days unless raised).",
            "--days takes a number of days.");
        var command = new Command("token",
            "Mint a long-lived access token to paste into Okta's or Microsoft Entra ID's SCIM connector. It is printed alone on " +
            "standard output, its expiry on standard error; the minting is an audit event (client.token_minted).")
        {
            id, scope, days,
        };
        return runner.Runs(command, async verb =>
        {
            // Outside the server the key ring is not loaded yet: the token is signed with the current key.
            await verb.Sender.Send(new EnsureSigningKey(), verb.CancellationToken);
            await verb.Services.GetRequiredService<SigningKeyRing>().ReloadAsync(verb.CancellationToken);
            var lifetime = AdminTime.Duration(verb.Value(days) * 86_400L);
            var issued = await verb.Services.GetRequiredService<ProvisioningTokenIssuer>().IssueAsync(
                verb.Required(id), verb.Value(scope) ?? "scim", lifetime, verb.CancellationToken);
            if (!issued.Succeeded)
            {
                return await verb.FailAsync(issued.Error);
            }

            // The token alone on standard output, so it can be piped; when it expires goes to standard error.
            verb.Output.WriteLine(issued.Value.Token);
            await verb.ErrorOutput.WriteLineAsync($"Expires {issued.Value.ExpiresAt:O}. Revoke it with POST {Routes.Revoke}, or by removing the client.");
            return 0;
        });
    }

    private static Option<int?> Seconds(string name, string description) =>
        VerbOptions.Number(name, "SECONDS", description, $"{name} takes a number of seconds.");
}
