using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Hardening;

/// <summary>
/// Form bodies the readers cannot take, and NUL characters a PostgreSQL text value cannot hold, are 400
/// invalid_request at the edge (RequestParameters), at every endpoint that reads forms, never a 500 or a 503.
/// </summary>
public sealed class MalformedInputTests(StoreKind store) : ServerTest(store)
{
    private const string Boundary = "b0undary";

    [TestCase("/oauth/token")]
    [TestCase("/oauth/introspect")]
    [TestCase("/oauth/revoke")]
    [TestCase("/oauth/userinfo")]
    [TestCase("/oauth/authorize")]
    [TestCase("/oauth/logout")]
    [TestCase("/account/login")]
    public async Task A_multipart_body_that_ends_inside_a_section_is_invalid_request(string path)
    {
        var body = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_credentials\r\n--{Boundary}\r\nContent-Disposition: form-data; name=\"scope\"\r\n\r\norders";

        using var response = await PostAsync(path, $"multipart/form-data; boundary={Boundary}", Encoding.ASCII.GetBytes(body));

        await AssertInvalidRequestAsync(response);
    }

    [TestCase("/oauth/token", "application/x-www-form-urlencoded; charset=utf-7")]
    [TestCase("/oauth/token", "application/x-www-form-urlencoded;;;")]
    [TestCase("/oauth/token", "multipart/form-data")]
    [TestCase("/oauth/userinfo", "application/x-www-form-urlencoded;;;")]
    [TestCase("/oauth/authorize", "application/x-www-form-urlencoded; charset=utf-7")]
    [TestCase("/account/login", "application/x-www-form-urlencoded; charset=utf-7")]
    public async Task A_form_whose_content_type_the_readers_cannot_take_is_invalid_request(string path, string contentType)
    {
        using var response = await PostAsync(path, contentType, "grant_type=client_credentials&scope=orders.read"u8.ToArray());

        await AssertInvalidRequestAsync(response);
    }

    [TestCase("GET", "/oauth/logout?client_id=web%00app")]
    [TestCase("GET", "/oauth/authorize?client_id=%00&response_type=code")]
    [TestCase("GET", "/admin/audit?subject=%00")]
    [TestCase("POST", "/oauth/token")]
    [TestCase("POST", "/account/login")]
    public async Task A_nul_character_in_a_parameter_is_invalid_request(string method, string target)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), target);
        if (method == "POST")
        {
            request.Content = new StringContent("grant_type=client_credentials&client_id=service%00a&UserName=a%00b&Password=x", Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        using var response = await Server.Client.SendAsync(request);

        await AssertInvalidRequestAsync(response);
    }

    [Test]
    public async Task Basic_credentials_whose_client_id_holds_a_nul_fail_client_authentication()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(OAuthClient.Form(("grant_type", "client_credentials"))),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("service%00a:secret"u8));

        using var response = await Server.Client.SendAsync(request);
        var body = await OAuthClient.ReadJsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), body.ToString());
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
    }

    [Test]
    public async Task A_well_formed_multipart_form_still_reaches_the_endpoint()
    {
        using var content = new MultipartFormDataContent(Boundary) { { new StringContent("client_credentials"), "grant_type" } };
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = content };
        request.Headers.Authorization = OAuthClient.Basic(TestSeed.ServiceA.Id, TestSeed.ServiceA.Secret);

        using var response = await Server.Client.SendAsync(request);
        var body = await OAuthClient.ReadJsonAsync(response);

        // OpenIddict takes form-urlencoded token requests only (RFC 6749 §4.4.2) and says so itself.
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToString());
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
        Assert.That(body.GetProperty("error_description").GetString(), Does.Contain("Content-Type"));
    }

    private Task<HttpResponseMessage> PostAsync(string path, string contentType, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = OAuthClient.Basic(TestSeed.ServiceA.Id, TestSeed.ServiceA.Secret);
        return Server.Client.SendAsync(request);
    }

    private static async Task AssertInvalidRequestAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = await OAuthClient.ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(body.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
            Assert.That(body.GetProperty("error_description").GetString(), Is.Not.Empty);
        });
    }
}
