using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Auth.Api.Tests.Hardening.Fuzz;
using Auth.Api.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Auth.Api.Tests.Hardening;

/// <summary>
/// Malformed requests to every endpoint (<see cref="FuzzTargets"/>): bad bodies, content types, charsets and
/// encodings, repeated, huge, empty and NUL-carrying parameters, other methods and odd paths, with and without valid
/// credentials. None may get a 5xx (but the 501s SCIM documents), and the server may log nothing at Error level while
/// answering them.
/// </summary>
public sealed class FuzzTests(StoreKind store) : UserFlowTest(store)
{
    /// <summary>About 3,000 requests per store; the run takes some seconds.</summary>
    private const int RequestsPerTarget = 60;

    private const int Seed = 20_261_125;

    private const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>Wrong passwords from the fuzzing must not lock the user whose right password reaches the redirect.</summary>
    /// <remarks>Rate limiting is on, with limits no run reaches, because the per-client limit reads token forms.</remarks>
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SignIn:MaxFailedAttempts"] = "1000000",
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:BurstLimit"] = "1000000",
        ["RateLimiting:TokensPerSecond"] = "1000000",
        ["RateLimiting:TokenEndpointPerClient:BurstLimit"] = "1000000",
        ["RateLimiting:TokenEndpointPerClient:TokensPerSecond"] = "1000000",
    };

    [Test]
    public async Task No_malformed_request_to_any_endpoint_gets_a_server_error()
    {
        var state = await PrepareAsync();
        var errors = new ErrorLog();
        Server.Services.GetRequiredService<ILoggerFactory>().AddProvider(errors);
        using var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1,
        })
        { Timeout = TimeSpan.FromSeconds(30) };

        var generator = new FuzzGenerator(state);
        var failures = new List<string>();
        var notSent = new List<string>();
        var sent = 0;
        var durations = new Dictionary<string, TimeSpan>();
        for (var index = 0; index < FuzzTargets.All.Count; index++)
        {
            var target = FuzzTargets.All[index];
            var started = System.Diagnostics.Stopwatch.StartNew();
            foreach (var request in generator.Generate(target, RequestsPerTarget, Seed + (index * 7_919)))
            {
                using var message = request.ToMessage(Server.BaseAddress);
                try
                {
                    using var response = await http.SendAsync(message);
                    sent++;
                    if (IsServerFault(response.StatusCode))
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        failures.Add($"{(int)response.StatusCode} for {target}:{Environment.NewLine}{request}{Environment.NewLine}Response: {body[..Math.Min(body.Length, 400)]}");
                    }
                }
                catch (HttpRequestException exception)
                {
                    notSent.Add($"{target}: {exception.Message}{Environment.NewLine}{request}");
                }
            }

            durations[$"{index} {target}"] = started.Elapsed;
        }

        TestContext.Out.WriteLine("Slowest targets: " + string.Join(", ", durations.OrderByDescending(d => d.Value).Take(8).Select(d => $"{d.Key} {d.Value.TotalSeconds:F1} s")));

        TestContext.Out.WriteLine($"{sent} requests answered, {notSent.Count} refused by the client or the connection, {failures.Count} server errors.");
        foreach (var refused in notSent.Take(5))
        {
            TestContext.Out.WriteLine("Not answered: " + refused);
        }

        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty, () => $"{failures.Count} server errors; the first ones:{Environment.NewLine}{string.Join(Environment.NewLine + Environment.NewLine, failures.Take(15))}");
            Assert.That(errors.Entries, Is.Empty, () => $"Error-level log entries:{Environment.NewLine}{string.Join(Environment.NewLine, errors.Entries.Distinct().Take(20))}");
            Assert.That(sent, Is.GreaterThan(FuzzTargets.All.Count * RequestsPerTarget * 9 / 10), "most requests must reach the server");
        });
    }

    /// <summary>
    /// Any 5xx but 501, which is the documented answer of what SCIM does not implement (<c>POST /.search</c> at the root,
    /// <c>/Bulk</c>; RFC 7644 §3.4.3, §3.7), not a fault.
    /// </summary>
    private static bool IsServerFault(HttpStatusCode status) => (int)status >= 500 && status != HttpStatusCode.NotImplemented;

    /// <summary>Valid credentials and resources for the deep paths: tokens, three browsers, a SCIM user and group.</summary>
    private async Task<FuzzState> PrepareAsync()
    {
        var userName = await CreateUserAsync();
        using var browser = NewBrowser();
        var pkce = Pkce.Create();
        var code = await GetCodeAsync(userName, TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce, "openid profile email offline_access mfa", browser);
        var tokens = await RedeemForTokensAsync(TestSeed.WebApp, code, TestSeed.WebAppCallback, pkce.Verifier);
        var session = await BrowserStateAsync(browser, "/oauth/logout");

        using var anonymousBrowser = NewBrowser();
        var anonymous = await BrowserStateAsync(anonymousBrowser, "/account/login");

        using var pendingBrowser = NewBrowser();
        var pending = await PendingSecondFactorAsync(pendingBrowser);

        var scimToken = await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim");
        var scim = new ScimClient(Server.Client, scimToken);
        var (createdUser, user) = await scim.PostAsync("/Users", """{"userName":"fuzz-target@example.com","externalId":"fuzz-target"}""");
        Assert.That(createdUser.StatusCode, Is.EqualTo(HttpStatusCode.Created), user?.ToJsonString());
        var userId = (string)user!["id"]!;
        var (createdGroup, group) = await scim.PostAsync("/Groups", $$"""{"displayName":"Fuzz target group","members":[{"value":"{{userId}}"}]}""");
        Assert.That(createdGroup.StatusCode, Is.EqualTo(HttpStatusCode.Created), group?.ToJsonString());

        return new FuzzState(
            ServiceBasic: Basic(TestSeed.ServiceA),
            WebBasic: Basic(TestSeed.WebApp),
            ScimToken: scimToken,
            AdminToken: await OAuth.GetAccessTokenAsync(TestSeed.AdminClient, "admin"),
            UserToken: tokens.GetProperty("access_token").GetString()!,
            ServiceToken: await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead),
            Session: session,
            Anonymous: anonymous,
            PendingSecondFactor: pending,
            ScimUserId: userId,
            ScimGroupId: (string)group!["id"]!,
            UserName: userName);
    }

    /// <summary>A user with a confirmed authenticator who has given the password: the browser is at the code page.</summary>
    private async Task<BrowserState> PendingSecondFactorAsync(UserAgent browser)
    {
        var userName = await CreateUserAsync();
        await SecondFactors.EnrolAsync(Server, userName);

        var challenge = await browser.GetAsync(AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()));
        using var afterPassword = await browser.SignInAsync(challenge, userName, Password);
        Assert.That(afterPassword.Headers.Location?.OriginalString, Does.StartWith("/account/mfa"));
        return await BrowserStateAsync(browser, afterPassword.Headers.Location!.OriginalString);
    }

    private async Task<BrowserState> BrowserStateAsync(UserAgent browser, string pageWithForm)
    {
        using var page = await browser.GetAsync(pageWithForm);
        var fields = UserAgent.HiddenFields(await page.Content.ReadAsStringAsync());
        Assert.That(fields, Does.ContainKey(AntiforgeryField), pageWithForm);
        return new BrowserState(browser.Cookies.GetCookieHeader(Server.BaseAddress), fields[AntiforgeryField]);
    }

    private static string Basic(TestClient client)
    {
        AuthenticationHeaderValue header = OAuthClient.Basic(client.Id, client.Secret);
        return $"{header.Scheme} {header.Parameter}";
    }
}
