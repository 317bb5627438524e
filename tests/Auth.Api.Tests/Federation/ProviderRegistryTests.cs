using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Auth.Api.Tests.Hosting;
using Auth.Api.Tests.Hosting.Upstream;
using Auth.Application.IdentityProviders;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Auth.Api.Tests.Federation;

/// <summary>
/// Providers change while the service runs, as an operator changes them: an upstream down at start-up, a rotated client
/// secret, a provider added with a private_key_jwt key. Each is picked up by the catalog's refresh, the same way on every
/// node, without a restart; each sign-in goes through a real upstream (oidc-provider, Okta-shaped) and just-in-time users.
/// </summary>
public sealed class ProviderRegistryTests(StoreKind store) : UserFlowTest(store)
{
    private const string LateId = "late";
    private const string RotatingId = "rotating";
    private const string Domain = "registry.test";
    private const string FirstSecret = "rotating-client-secret-0001";
    private const string SecondSecret = "rotating-client-secret-0002";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly UpstreamSettings _late = new(UpstreamFlavor.Okta, [], new Dictionary<string, UpstreamUser>());
    private readonly UpstreamSettings _rotating = new(UpstreamFlavor.Okta, [], new Dictionary<string, UpstreamUser>());
    private readonly List<TestUpstream> _upstreams = [];

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["IdentityProviders:RefreshInterval"] = "00:00:01",
                ["Federation:DiscoveryRetryInterval"] = "00:00:01",
                ["Federation:BackchannelTimeout"] = "00:00:03",
            };
            Declare(settings, LateId, _late.Issuer, "late-secret-0000001");
            Declare(settings, RotatingId, _rotating.Issuer, FirstSecret);
            return settings;
        }
    }

    [OneTimeTearDown]
    public async Task StopUpstreams()
    {
        foreach (var upstream in _upstreams)
        {
            await upstream.DisposeAsync();
        }
    }

    [Test]
    public async Task An_upstream_down_at_start_up_is_not_fatal_and_its_provider_works_once_it_answers()
    {
        // The fixture's server started with this provider's upstream not running.
        using var browser = NewBrowser();
        using var down = await browser.GetAsync(Routes.ForProvider(Routes.SignInWithProvider, LateId));
        Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), "its button shows the error page meanwhile");

        var upstream = await StartAsync(_late with { Clients = [UpstreamClient.ForService(Server.BaseAddress, LateId, "auth-service", "late-secret-0000001")] });

        await SignsInAsync(upstream, LateId);
    }

    [Test]
    public async Task A_rotated_client_secret_takes_effect_without_a_restart()
    {
        var upstream = await StartAsync(_rotating with { Clients = [UpstreamClient.ForService(Server.BaseAddress, RotatingId, "auth-service", FirstSecret)] });
        await SignsInAsync(upstream, RotatingId);

        // The upstream application gets a new secret: the old one no longer works...
        await upstream.RestartAsync([UpstreamClient.ForService(Server.BaseAddress, RotatingId, "auth-service", SecondSecret)]);
        await upstream.SetUserAsync("before", new UpstreamUser { PreferredUsername = "before@" + Domain });
        await upstream.SignInNextAsAsync("before");
        using (var browser = NewBrowser())
        {
            using var refused = await FollowAllRedirectsAsync(browser, upstream, Routes.ForProvider(Routes.SignInWithProvider, RotatingId));
            Assert.That(refused.StatusCode, Is.AnyOf(HttpStatusCode.BadRequest, HttpStatusCode.BadGateway), "the token endpoint refuses the old secret");
            Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("data-testid=\"federation-error\""));
        }

        // ... until the operator gives the service the new one, which the running server picks up by itself.
        await RegisterAsync(Definition(RotatingId, _rotating.Issuer) with { ClientSecret = SecondSecret });
        await SignsInAsync(upstream, RotatingId);
    }

    [Test]
    public async Task A_provider_added_with_private_key_jwt_signs_in_with_the_key_the_service_made()
    {
        var settings = new UpstreamSettings(UpstreamFlavor.Okta, [], new Dictionary<string, UpstreamUser>());
        const string id = "keyed";
        await RegisterAsync(Definition(id, settings.Issuer) with { ClientAuthentication = "private_key_jwt" });
        var certificatePem = await CertificatePemAsync(id);
        var upstream = await StartAsync(settings with
        {
            Clients =
            [
                new UpstreamClient("auth-service", [new Uri(Server.BaseAddress, $"signin/{id}/callback")])
                {
                    TokenEndpointAuthMethod = "private_key_jwt",
                    Jwks = new JsonObject { ["keys"] = new JsonArray(PublicJwk(certificatePem)) },
                },
            ],
        });

        await SignsInAsync(upstream, id);
    }

    private static void Declare(Dictionary<string, string?> settings, string id, string issuer, string secret)
    {
        var prefix = $"IdentityProviders:Definitions:{id}:";
        settings[prefix + "DisplayName"] = id;
        settings[prefix + "Kind"] = "okta";
        settings[prefix + "Issuer"] = issuer;
        settings[prefix + "ClientId"] = "auth-service";
        settings[prefix + "ClientSecret"] = secret;
        settings[prefix + "Linking:JustInTime"] = "true";
    }

    private static IdentityProviderDefinition Definition(string id, string issuer) => new()
    {
        Id = id,
        DisplayName = id,
        Kind = "okta",
        Issuer = issuer,
        ClientId = "auth-service",
        Linking = new IdentityProviderLinking { JustInTime = true },
    };

    private async Task RegisterAsync(IdentityProviderDefinition definition)
    {
        using var scope = Server.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RegisterIdentityProvider(definition, ReplaceExisting: true));
        Assert.That(result.Succeeded, Is.True, result.Error?.Description);
    }

    private async Task<string> CertificatePemAsync(string id)
    {
        using var scope = Server.Services.CreateScope();
        var providers = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ListIdentityProviders());
        return providers.Single(p => p.Id == id).CertificatePem ?? throw new InvalidOperationException("private_key_jwt without a certificate");
    }

    /// <summary>The public key as the operator gives it to the upstream (Okta's "public keys"), with the certificate's thumbprint as kid.</summary>
    private static JsonObject PublicJwk(string certificatePem)
    {
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        using var rsa = certificate.GetRSAPublicKey()!;
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = new X509SecurityKey(certificate).KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    private async Task<TestUpstream> StartAsync(UpstreamSettings settings)
    {
        var upstream = await TestUpstream.StartAsync(settings);
        _upstreams.Add(upstream);
        return upstream;
    }

    /// <summary>A new person signs in through the provider, within <see cref="Patience"/> (the catalog's and discovery's refresh).</summary>
    private async Task SignsInAsync(TestUpstream upstream, string providerId)
    {
        var login = $"p-{Guid.NewGuid():N}"[..12];
        await upstream.SetUserAsync(login, new UpstreamUser { PreferredUsername = login + "@" + Domain, Email = login + "@" + Domain });
        var deadline = DateTime.UtcNow + Patience;
        string last;
        while (true)
        {
            await upstream.SignInNextAsAsync(login);
            using var browser = NewBrowser();
            using var end = await FollowAllRedirectsAsync(browser, upstream, Routes.ForProvider(Routes.SignInWithProvider, providerId));
            var body = await end.Content.ReadAsStringAsync();
            if (end.StatusCode == HttpStatusCode.OK && end.RequestMessage!.RequestUri!.AbsolutePath == "/" && body.Contains("You are signed in", StringComparison.Ordinal))
            {
                return;
            }

            last = $"{(int)end.StatusCode} at {end.RequestMessage!.RequestUri}";
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"No sign-in through '{providerId}' within {Patience}; last: {last}\n{upstream.RecentOutput}");
            }

            await upstream.ResetAsync();
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>Follows every redirect, at this service and at the upstream, until a page or a redirect elsewhere.</summary>
    private Task<HttpResponseMessage> FollowAllRedirectsAsync(UserAgent browser, TestUpstream upstream, string start) => browser.FollowThroughAsync(start, upstream.Settings.Origin);
}
