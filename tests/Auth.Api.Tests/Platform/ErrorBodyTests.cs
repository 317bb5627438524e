using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Platform;

/// <summary>Every error of every endpoint is the API's JSON error body (docs/api.md); nothing internal leaks into it.</summary>
public sealed class ErrorBodyTests(StoreKind store) : ServerTest(store)
{
    [TestCase("GET", "/no/such/route", HttpStatusCode.NotFound)]
    [TestCase("DELETE", "/health", HttpStatusCode.MethodNotAllowed)]
    [TestCase("PUT", "/oauth/token", HttpStatusCode.MethodNotAllowed)]
    public async Task Unknown_routes_and_methods_get_the_documented_json_error(string method, string path, HttpStatusCode expected)
    {
        using var response = await Server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await AssertErrorBodyAsync(response, expected, "invalid_request");
    }

    [TestCase("POST", "/.well-known/openid-configuration", "GET, HEAD")]
    [TestCase("DELETE", "/.well-known/openid-configuration", "GET, HEAD")]
    [TestCase("PUT", "/.well-known/openid_configuration", "GET, HEAD")]
    [TestCase("POST", "/jwks.json", "GET, HEAD")]
    [TestCase("PUT", "/oauth/authorize", "GET, POST")]
    [TestCase("DELETE", "/oauth/userinfo", "GET, POST")]
    [TestCase("PATCH", "/oauth/logout", "GET, POST")]
    [TestCase("GET", "/oauth/introspect", "POST")]
    public async Task A_method_an_oauth_endpoint_does_not_take_is_405_with_the_methods_it_does(string method, string path, string allow)
    {
        using var response = await Server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.That(response.Content.Headers.Allow, Is.EqualTo(allow.Split(", ")), "Allow");
        await AssertErrorBodyAsync(response, HttpStatusCode.MethodNotAllowed, "invalid_request");
    }

    [TestCase("/.well-known/openid-configuration")]
    [TestCase("/jwks.json")]
    [TestCase("/oauth/authorize")]
    public async Task The_methods_an_oauth_endpoint_takes_still_reach_it(string path)
    {
        using var response = await Server.Client.GetAsync(path);

        Assert.That(response.StatusCode, Is.Not.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    [Test]
    public async Task A_body_over_the_size_limit_is_refused_with_413()
    {
        var huge = "grant_type=client_credentials&scope=" + new string('a', (int)RequestLimits.MaxBodyBytes + 10);
        using var content = new StringContent(huge, Encoding.ASCII, "application/x-www-form-urlencoded");
        // Expect: 100-continue: the client waits for the early 413 instead of racing it with the body (a broken pipe).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = content };
        request.Headers.ExpectContinue = true;
        using var response = await Server.Client.SendAsync(request);

        await AssertErrorBodyAsync(response, HttpStatusCode.RequestEntityTooLarge, "invalid_request");
    }

    [Test]
    public async Task A_truncated_form_body_is_a_client_error_not_a_500()
    {
        using var content = new ByteArrayContent("grant_type=client_credentials&scope=%ZZ%"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var response = await Server.Client.PostAsync("/oauth/token", content);

        Assert.That((int)response.StatusCode, Is.InRange(400, 499));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("Exception"));
    }

    [Test]
    public async Task A_text_body_on_the_token_endpoint_is_invalid_request()
    {
        using var content = new StringContent("grant_type=client_credentials", Encoding.UTF8, "text/plain");
        using var response = await Server.Client.PostAsync("/oauth/token", content);

        await AssertErrorBodyAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    private static async Task AssertErrorBodyAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo(error));
            Assert.That(body.GetProperty("error_description").GetString(), Is.Not.Empty);
            Assert.That(text, Does.Not.Contain("Exception").And.Not.Contain("   at "));
        });
    }
}
