using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using Auth.Api.Tests.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Auth.Browser.Tests.Hosting;

/// <summary>
/// A web app as a customer would write it: a cookie session, Microsoft's OpenID Connect handler configured from our
/// issuer's discovery document, and a page that calls the orders API with the access token the handler saved.
/// </summary>
public static class RelyingParty
{
    public const string MePath = "/me";
    public const string SignOutPath = "/signout";
    public const string SignedOutPath = "/signed-out";

    /// <summary>The front-channel logout URI (OpenID Connect Front-Channel Logout 1.0 §2) the seed registers for the web app.</summary>
    public const string FrontChannelLogoutPath = "/frontchannel-logout";

    /// <summary>Redeems the saved refresh token (RFC 6749 §6) and shows the groups of the new ID token.</summary>
    public const string RefreshPath = "/refresh";

    /// <summary>
    /// With <paramref name="issuerCertificate"/>, the issuer is behind a TLS proxy serving that certificate, the only
    /// one the handler's back channel accepts. Without <paramref name="client"/>, the seed's web app asking for
    /// <see cref="RelyingPartyClient.DefaultScopes"/>.
    /// </summary>
    public static async Task<WebApplication> StartAsync(
        int port, Uri issuer, Uri ordersApi, TestCertificate? issuerCertificate = null, RelyingPartyClient? client = null)
    {
        client ??= RelyingPartyClient.WebApp();
        var builder = LoopbackApp.CreateBuilder(port);
        builder.Services
            .AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect(options =>
            {
                options.Authority = issuer.AbsoluteUri;
                options.RequireHttpsMetadata = false;
                options.ClientId = client.Id;
                options.ClientSecret = client.Secret;
                options.ResponseType = "code";
                options.UsePkce = true;
                options.Scope.Clear();
                foreach (var scope in client.Scopes)
                {
                    options.Scope.Add(scope);
                }

                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = "name";
                if (issuerCertificate is not null)
                {
                    options.BackchannelHttpHandler = issuerCertificate.CreateHandler();
                }
            });
        builder.Services.AddAuthorization();
        builder.Services.AddHttpClient(nameof(OrdersApi), client => client.BaseAddress = ordersApi);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet(MePath, ShowMeAsync).RequireAuthorization();
        app.MapGet(RefreshPath, RefreshAsync).RequireAuthorization();
        app.MapGet(SignOutPath, () => TypedResults.SignOut(
            new AuthenticationProperties { RedirectUri = SignedOutPath },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        app.MapGet(FrontChannelLogoutPath, async (HttpContext context) =>
        {
            // §2: the iss and sid the server adds name the session that ended; the app ends its own session if it is that one.
            var session = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (context.Request.Query["iss"] == issuer.AbsoluteUri && session.Principal?.FindFirst("sid")?.Value is { } sid && context.Request.Query["sid"] == sid)
            {
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }

            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.Content("<!doctype html><title>Signed out</title>", "text/html");
        });
        app.MapGet(SignedOutPath, () => TypedResults.Content("<!doctype html><title>Signed out</title><p>You are signed out of Web App.</p>", "text/html"));
        await app.StartAsync();
        return app;
    }

    private static async Task<IResult> RefreshAsync(HttpContext context, IOptionsMonitor<OpenIdConnectOptions> monitor)
    {
        var options = monitor.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(context.RequestAborted);
        using var response = await options.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = await context.GetTokenAsync("refresh_token") ?? "",
            ["client_id"] = options.ClientId!,
            ["client_secret"] = options.ClientSecret!,
        }));
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var groups = response.IsSuccessStatusCode && new JsonWebToken(body.GetProperty("id_token").GetString()).TryGetPayloadValue<string[]>("groups", out var names) ? names : [];
        return TypedResults.Content(
            $"""
            <!doctype html>
            <title>Web App</title>
            <dl>
              <dt>refresh status</dt><dd data-testid="refresh-status">{(int)response.StatusCode}</dd>
              <dt>groups after refresh</dt><dd data-testid="refreshed-groups">{HtmlEncoder.Default.Encode(string.Join(", ", groups.Order(StringComparer.Ordinal)))}</dd>
            </dl>
            """,
            "text/html");
    }

    private static async Task<IResult> ShowMeAsync(HttpContext context, IHttpClientFactory clients)
    {
        var accessToken = await context.GetTokenAsync("access_token");
        using var request = new HttpRequestMessage(HttpMethod.Get, OrdersApi.WhoAmIPath.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await clients.CreateClient(nameof(OrdersApi)).SendAsync(request);
        var caller = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<OrdersApi.Caller>() : null;

        var html = HtmlEncoder.Default;
        var user = context.User;
        var idToken = new JsonWebToken(await context.GetTokenAsync("id_token"));
        string Values(string claim) => html.Encode(string.Join(", ", user.FindAll(claim).Select(c => c.Value).Order(StringComparer.Ordinal)));
        return TypedResults.Content(
            $"""
            <!doctype html>
            <title>Web App</title>
            <h1>Signed in as <span data-testid="name">{html.Encode(user.Identity?.Name ?? "")}</span></h1>
            <dl>
              <dt>sub</dt><dd data-testid="sub">{html.Encode(user.FindFirst("sub")?.Value ?? "")}</dd>
              <dt>email</dt><dd data-testid="email">{html.Encode(user.FindFirst("email")?.Value ?? "")}</dd>
              <dt>groups</dt><dd data-testid="groups">{Values("groups")}</dd>
              <dt>roles</dt><dd data-testid="roles">{Values("roles")}</dd>
              <dt>ID token amr</dt><dd data-testid="amr">{html.Encode(string.Join(" ", idToken.TryGetPayloadValue<string[]>("amr", out var amr) ? amr : []))}</dd>
              <dt>orders API status</dt><dd data-testid="api-status">{(int)response.StatusCode}</dd>
              <dt>orders API saw sub</dt><dd data-testid="api-sub">{html.Encode(caller?.Sub ?? "")}</dd>
              <dt>orders API saw scope</dt><dd data-testid="api-scope">{html.Encode(caller?.Scope ?? "")}</dd>
              <dt>orders API said</dt><dd data-testid="api-challenge">{html.Encode(response.Headers.WwwAuthenticate.ToString())}</dd>
            </dl>
            """,
            "text/html");
    }
}
