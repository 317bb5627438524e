namespace Auth.Api;

/// <summary>
/// The paths this service answers at, and the prefixes its middleware tells endpoint families apart by. Code names a
/// path only through these; a Razor page's <c>@page</c> directive has to be a literal, and RoutesTests checks each
/// against its constant.
/// </summary>
public static class Routes
{
    // OAuth 2.0 and OpenID Connect: OpenIddict serves them, OAuth/Endpoints and Pages/OAuth hold the pass-through parts.
    public const string Authorize = "/oauth/authorize";
    public const string Token = "/oauth/token";

    /// <summary>Dynamic client registration (RFC 7591) and, under it, each registered client (RFC 7592).</summary>
    public const string Registration = "/oauth/register";
    public const string PushedAuthorization = "/oauth/par";
    public const string DeviceAuthorization = "/oauth/device";
    public const string UserInfo = "/oauth/userinfo";
    public const string Logout = "/oauth/logout";
    public const string Introspect = "/oauth/introspect";
    public const string Revoke = "/oauth/revoke";
    public const string Jwks = "/jwks.json";
    public const string Discovery = "/.well-known/openid-configuration";

    /// <summary>The same discovery document, at the spelling with an underscore.</summary>
    public const string DiscoveryWithUnderscore = "/.well-known/openid_configuration";

    // The sign-in pages.
    public const string Login = "/account/login";
    public const string SecondFactor = "/account/mfa";
    public const string Enrol = "/account/mfa/enrol";
    public const string SignedOut = "/account/signed-out";
    public const string Account = "/account";
    public const string SetPassword = "/account/set-password";
    public const string ForgotPassword = "/account/forgot-password";

    /// <summary>RFC 8628's verification URI: where the user enters a device's code (OpenIddict's end-user verification endpoint).</summary>
    public const string Device = "/device";

    // The admin console, for operators holding the administrator role (Routes.Admin is its dashboard).
    public const string ConsoleSignIn = "/admin/sign-in";
    public const string ConsoleSignOut = "/admin/sign-out";
    public const string ConsoleClients = "/admin/clients";
    public const string ConsoleClient = "/admin/clients/{clientId}";
    public const string ConsoleUsers = "/admin/users";
    public const string ConsoleUser = "/admin/users/{userId}";
    public const string ConsoleEvents = "/admin/events";
    public const string ConsoleKeys = "/admin/keys";
    public const string ConsoleScopes = "/admin/scopes";

    /// <summary>One scope's page, named in the query (<see cref="ForConsoleScope"/>): a scope's name may hold '/', '?' or '%', which a path segment cannot carry whole.</summary>
    public const string ConsoleScope = "/admin/scope";
    public const string ConsoleGroups = "/admin/groups";
    public const string ConsoleIdentityProviders = "/admin/identity-providers";

    // Sign-in at an upstream identity provider: the start, the redirect URI the upstream application is given (one per
    // provider, so a state minted for one cannot be redeemed at another), its callback shows every failure on one page.
    public const string SignInWithProvider = "/signin/{providerId}";
    public const string ProviderCallback = "/signin/{providerId}/callback";
    public const string ProviderSignedOut = "/signout/{providerId}/callback";

    // The service's own APIs, and the endpoints for operators.
    public const string Scim = "/scim";
    public const string ScimV2 = Scim + "/v2";
    public const string Mfa = "/mfa";
    public const string MfaTotp = Mfa + "/totp";
    public const string Admin = "/admin";
    public const string Audit = "/admin/audit";
    public const string AdminV1 = "/admin/v1";
    public const string AdminV1Audit = AdminV1 + "/audit";
    public const string AdminV1SigningKeys = AdminV1 + "/signing-keys";
    public const string AdminV1Users = AdminV1 + "/users";
    public const string AdminV1IdentityProviders = AdminV1 + "/identity-providers";
    public const string AdminV1Clients = AdminV1 + "/clients";
    public const string AdminV1Scopes = AdminV1 + "/scopes";
    public const string AdminV1RegistrationTokens = AdminV1 + "/registration-tokens";
    public const string Health = "/health";
    public const string Liveness = Health + "/live";
    public const string Metrics = "/metrics";

    // What the APIs above look like: the OpenAPI document (always served) and its reference page (when configured).
    public const string OpenApiDocument = "/openapi/v1.json";
    public const string ApiReference = Admin + "/docs";

    /// <summary>
    /// An endpoint path as OpenIddict is given it: without the leading slash, so that it is resolved against the
    /// issuer (RFC 3986 §5.2) and an issuer with a path keeps that path.
    /// </summary>
    public static string RelativeToIssuer(string path) => path.TrimStart('/');

    /// <summary>The absolute address of <paramref name="path"/> under the issuer, whose own path is kept with or without a final slash.</summary>
    public static Uri UnderIssuer(Uri issuer, string path) =>
        new(issuer.AbsoluteUri.EndsWith('/') ? issuer : new Uri(issuer.AbsoluteUri + "/"), RelativeToIssuer(path));

    /// <summary>A console route with its one parameter (<see cref="ConsoleClient"/>, <see cref="ConsoleUser"/>) filled in.</summary>
    public static string ForConsole(string route, string value) =>
        route[..route.IndexOf('{', StringComparison.Ordinal)] + Uri.EscapeDataString(value);

    /// <summary>The console page of the scope <paramref name="name"/>.</summary>
    public static string ForConsoleScope(string name) => ConsoleScope + "?name=" + Uri.EscapeDataString(name);

    /// <summary>One provider's path of <see cref="SignInWithProvider"/>, <see cref="ProviderCallback"/> or <see cref="ProviderSignedOut"/>.</summary>
    public static string ForProvider(string route, string providerId) =>
        route.Replace("{providerId}", Uri.EscapeDataString(providerId), StringComparison.Ordinal);
}
