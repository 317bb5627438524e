using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Auth.Api.Hosting;
using Auth.Api.Testing;
using Microsoft.AspNetCore.Builder;

namespace Auth.Api.Tests.Testing;

/// <summary>An ephemeral server started in this process through <see cref="ServiceHost.StartAsync"/>, on a free loopback port.</summary>
public sealed class EphemeralInstance : IAsyncDisposable
{
    private EphemeralInstance(WebApplication app, ReadyLine ready)
    {
        App = app;
        Ready = ready;
        Issuer = new Uri(ready.Issuer);
        Client = new HttpClient { BaseAddress = Issuer };
    }

    public WebApplication App { get; }

    public ReadyLine Ready { get; }

    public Uri Issuer { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<EphemeralInstance> StartAsync(params string[] settings)
    {
        var app = await ServiceHost.StartAsync(
            ["--ephemeral", "--urls", "http://127.0.0.1:0", $"--Seed:File={EphemeralSeed.Write()}", "--Logging:LogLevel:Default=Warning", .. settings]);
        return new EphemeralInstance(app, await ReadyLine.OfAsync(app));
    }

    /// <summary>POST /testing/tokens for <paramref name="userName"/> through <paramref name="clientId"/> (Basic authentication).</summary>
    public Task<HttpResponseMessage> MintAsync(string userName, string scope, string? extraClaims = null, string clientId = EphemeralSeed.WebApp,
        string secret = EphemeralSeed.WebAppSecret, string path = TestingRoutes.Tokens, string? amr = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "urn:auth:grant-type:testing", ["username"] = userName, ["scope"] = scope };
        if (extraClaims is not null)
        {
            form["extra_claims"] = extraClaims;
        }

        if (amr is not null)
        {
            form["amr"] = amr;
        }

        return PostFormAsync(path, form, clientId, secret);
    }

    public async Task<JsonElement> MintOkAsync(string userName, string scope, string? extraClaims = null, string? amr = null)
    {
        using var response = await MintAsync(userName, scope, extraClaims, amr: amr);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<string> ClientTokenAsync(string clientId, string secret, string scope)
    {
        using var response = await PostFormAsync("/oauth/token", new() { ["grant_type"] = "client_credentials", ["scope"] = scope }, clientId, secret);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Whether the resource server <see cref="EphemeralSeed.Api"/> is told the token is active.</summary>
    public async Task<bool> IsActiveAsync(string token)
    {
        using var response = await PostFormAsync("/oauth/introspect", new() { ["token"] = token }, EphemeralSeed.Api, EphemeralSeed.ApiSecret);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.GetProperty("active").GetBoolean();
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> form, string clientId, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/')) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        return await Client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string? json, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
