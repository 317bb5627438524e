using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Auth.Browser.Tests.Hosting;

/// <summary>
/// A single-page app of the test's own, served on its own loopback port (so its origin is not the server's): its page
/// signs the user in with the authorization code flow and PKCE, then calls the token and userinfo endpoints itself
/// with <c>fetch</c>, as oidc-client-ts or any browser app does, and writes what it read (or the error the browser
/// gave it) into the page. <c>/probe</c> only reads the discovery document.
/// </summary>
public sealed class SpaApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SpaApp(WebApplication app) => _app = app;

    public static async Task<SpaApp> StartAsync(int port, Uri issuer, string clientId)
    {
        var app = LoopbackApp.CreateBuilder(port).Build();
        app.MapGet("/", () => Page(issuer, clientId, SignInScript));
        app.MapGet("/probe", () => Page(issuer, clientId, ProbeScript));
        await app.StartAsync();
        return new SpaApp(app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Page(Uri issuer, string clientId, string script) => TypedResults.Content($$"""
        <!doctype html>
        <title>Browser SPA</title>
        <p id="out">starting</p>
        <script>
        const issuer = "{{issuer.AbsoluteUri}}";
        const clientId = "{{clientId}}";
        const show = text => { document.getElementById("out").textContent = text; };
        const b64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
        {{script}}
        </script>
        """, "text/html");

    private const string ProbeScript = """
        fetch(issuer + ".well-known/openid-configuration")
          .then(r => r.json())
          .then(c => show("read discovery: " + c.issuer), e => show("blocked: " + e.name));
        """;

    private const string SignInScript = """
        (async () => {
          try {
            const config = await (await fetch(issuer + ".well-known/openid-configuration")).json();
            const redirectUri = location.origin + "/";
            const query = new URLSearchParams(location.search);
            if (!query.has("code")) {
              const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
              const challenge = b64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
              const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
              sessionStorage.setItem("pkce", JSON.stringify({ verifier, state }));
              location.assign(config.authorization_endpoint + "?" + new URLSearchParams({
                response_type: "code", client_id: clientId, redirect_uri: redirectUri, scope: "openid profile offline_access",
                state, code_challenge: challenge, code_challenge_method: "S256" }));
              return;
            }
            const { verifier, state } = JSON.parse(sessionStorage.getItem("pkce"));
            if (query.get("state") !== state) { throw new Error("the state came back changed"); }
            const redeem = () => fetch(config.token_endpoint, { method: "POST", body: new URLSearchParams({
              grant_type: "authorization_code", code: query.get("code"), redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier }) });
            const tokens = await (await redeem()).json();
            const userinfo = await (await fetch(config.userinfo_endpoint, { headers: { Authorization: "Bearer " + tokens.access_token } })).json();
            const refreshed = await (await fetch(config.token_endpoint, { method: "POST", body: new URLSearchParams({
              grant_type: "refresh_token", refresh_token: tokens.refresh_token, client_id: clientId }) })).json();
            const again = await redeem();
            const refusal = await again.json();
            show(`signed in as ${userinfo.preferred_username}; refreshed: ${typeof refreshed.access_token}; code again: ${again.status} ${refusal.error}`);
          } catch (e) {
            show("failed: " + e);
          }
        })();
        """;
}
