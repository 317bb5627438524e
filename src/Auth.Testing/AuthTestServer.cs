using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Auth.Testing;

/// <summary>
/// A real Auth server in ephemeral mode for a test suite: its own in-memory store, keys and clock, on a free loopback
/// port, seeded from code or a file. Start one per fixture with <see cref="StartAsync"/>, reset it between tests with
/// <see cref="ResetAsync"/>, dispose it at the end (docs/testing-dotnet.md).
/// </summary>
public sealed class AuthTestServer : IAsyncDisposable
{
    private const string TestingGrant = "urn:auth:grant-type:testing";

    private readonly IRunningServer _server;
    private readonly FixtureSeed _seed;
    private bool _disposed;

    private AuthTestServer(IRunningServer server, FixtureSeed seed)
    {
        _server = server;
        _seed = seed;
        Issuer = new Uri(server.Ready.Issuer);
        // The address Kestrel bound (--urls): the issuer's, unless OAuth:Issuer names another.
        BaseAddress = new Uri((server.Ready.Urls.Count > 0 ? server.Ready.Urls[0].TrimEnd('/') : Issuer.GetLeftPart(UriPartial.Authority)) + "/");
        ClientIds = [.. server.Ready.Clients.Where(id => id != FixtureSeed.ClientId)];
        HttpClient = CreateClient();
    }

    /// <summary>The issuer, as discovery and every token's <c>iss</c> name it, for example <c>http://127.0.0.1:41655/</c>.</summary>
    public Uri Issuer { get; }

    /// <summary>The address the server listens on, ending with a slash (<c>http://127.0.0.1:41655/</c>): the base of every route.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The seeded clients' ids, in ordinal order (the fixture's own admin client, <c>auth-testing-fixture</c>, left out).</summary>
    public IReadOnlyList<string> ClientIds { get; }

    /// <summary>The port the server listens on, on 127.0.0.1.</summary>
    public int Port => _server.Ready.Port;

    /// <summary>The process the server runs in: the test process itself when in process.</summary>
    public int ProcessId => _server.Ready.Pid;

    /// <summary>The temporary seed file the server was started with (the suite's seed plus the fixture's client); deleted on dispose.</summary>
    public string SeedFilePath => _seed.Path;

    /// <summary>A client with <see cref="BaseAddress"/> set, shared by the fixture's calls; disposed with the server.</summary>
    public HttpClient HttpClient { get; }

    /// <summary>Starts a server and returns once it takes requests.</summary>
    /// <exception cref="AuthTestServerException">The server did not start (the message says why, with standard error's last lines out of process).</exception>
    public static async Task<AuthTestServer> StartAsync(AuthTestServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AuthTestServerOptions();
        var seed = FixtureSeed.Write(options);
        try
        {
            var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["Logging:LogLevel:Default"] = "Warning" };
            foreach (var setting in options.Settings)
            {
                settings[setting.Key] = setting.Value;
            }

            List<string> arguments = ["--ephemeral", "--urls", "http://127.0.0.1:0", $"--Seed:File={seed.Path}"];
            arguments.AddRange(settings.Select(setting => $"--{setting.Key}={setting.Value}"));
            IRunningServer server = options.InProcess
                ? await InProcessServer.StartAsync(arguments, cancellationToken)
                : await ExecutableServer.StartAsync(
                    options.ExecutablePath ?? throw new ArgumentException("ExecutablePath is required out of process.", nameof(options)),
                    arguments,
                    options.WriteXorExecute,
                    options.StartTimeout,
                    cancellationToken);
            return new AuthTestServer(server, seed);
        }
        catch
        {
            seed.Delete();
            throw;
        }
    }

    /// <summary>A new client with <see cref="BaseAddress"/> set; the caller disposes it.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    /// <summary>Client credentials at <c>/oauth/token</c>.</summary>
    /// <param name="clientId">A client with the client_credentials grant.</param>
    /// <param name="clientSecret">Its secret; null takes the seed's.</param>
    /// <param name="scope">The scopes, space-separated; null asks for none.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<AuthTokens> GetClientTokenAsync(string clientId, string? clientSecret = null, string? scope = null, CancellationToken cancellationToken = default)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return RequestTokensAsync("oauth/token", form, clientId, clientSecret, cancellationToken);
    }

    /// <summary>
    /// A user's tokens without a browser (<c>POST /testing/tokens</c>): what the authorization-code flow would give
    /// <paramref name="clientId"/>, plus <paramref name="extraClaims"/>.
    /// </summary>
    /// <param name="userName">An existing, active user.</param>
    /// <param name="clientId">The client the tokens are for.</param>
    /// <param name="scope">The scopes, space-separated: <c>openid</c> adds an ID token, <c>offline_access</c> a refresh token.</param>
    /// <param name="extraClaims">An object serialized as the JSON object of extra claims (an anonymous object or a dictionary), or null.</param>
    /// <param name="clientSecret">The client's secret; null takes the seed's (none for a public client).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<AuthTokens> GetUserTokensAsync(
        string userName, string clientId, string? scope = null, object? extraClaims = null, string? clientSecret = null, CancellationToken cancellationToken = default)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = TestingGrant, ["username"] = userName };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        if (extraClaims is not null)
        {
            form["extra_claims"] = JsonSerializer.Serialize(extraClaims);
        }

        return RequestTokensAsync("testing/tokens", form, clientId, clientSecret, cancellationToken);
    }

    /// <summary>Token introspection (<c>POST /oauth/introspect</c>) by a confidential client the token is addressed to; the answer's JSON.</summary>
    /// <param name="token">The token.</param>
    /// <param name="clientId">The introspecting client: an audience of the token (a resource server registered as a client) or the client it was issued to.</param>
    /// <param name="clientSecret">Its secret; null takes the seed's.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<JsonElement> IntrospectAsync(string token, string clientId, string? clientSecret = null, CancellationToken cancellationToken = default)
    {
        using var request = FormRequest("oauth/introspect", new() { ["token"] = token }, clientId, clientSecret);
        return await SendAsync<JsonElement>(request, HttpStatusCode.OK, "Introspection failed", cancellationToken);
    }

    /// <summary>
    /// Creates a user through the admin API (<c>POST /admin/v1/users</c>) with the fixture's own client. A reset removes it.
    /// </summary>
    /// <exception cref="AuthTestServerException">Refused: 400 with <c>errors[]</c> (the password policy), 409 for a taken name.</exception>
    public async Task<AuthTestUser> CreateUserAsync(
        string userName, string password, string? email = null, string? displayName = null, CancellationToken cancellationToken = default)
    {
        var admin = await GetClientTokenAsync(FixtureSeed.ClientId, _seed.ClientSecret, "admin.users.write", cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/v1/users")
        {
            Content = JsonContent.Create(new NewUser(userName, password, email, displayName)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);
        var created = await SendAsync<JsonElement>(request, HttpStatusCode.Created, $"The user '{userName}' was not created", cancellationToken);
        return new AuthTestUser(created.GetProperty("id").GetString()!, created.GetProperty("user_name").GetString()!, password);
    }

    /// <summary>
    /// Signs in through the real login form (<c>/account/login</c>, antiforgery token and cookies) and returns a client
    /// holding the session: it keeps cookies and does not follow redirects, so a test sees where the server sends it
    /// (for example <c>/oauth/authorize</c> answering with a redirect to the client). The caller disposes it.
    /// </summary>
    /// <exception cref="AuthTestServerException">The sign-in was refused, or it asks for a second factor.</exception>
    public Task<HttpClient> SignInAsync(string userName, string password, CancellationToken cancellationToken = default) =>
        LoginForm.SignInAsync(BaseAddress, userName, password, cancellationToken);

    /// <summary>
    /// Back to the seed (<c>POST /testing/reset</c>): users, tokens, sessions and audit records go, clients and scopes
    /// the seed does not name go, the seed is applied again. Signing keys and the clock's offset stay.
    /// </summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "testing/reset");
        using var response = await HttpClient.SendAsync(request, cancellationToken);
        await EnsureAsync(response, HttpStatusCode.NoContent, "The reset failed", cancellationToken);
    }

    /// <summary>The server's clock (<c>GET /testing/clock</c>).</summary>
    public async Task<AuthServerClock> GetClockAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "testing/clock");
        return (await SendAsync<ClockReport>(request, HttpStatusCode.OK, "The clock could not be read", cancellationToken)).ToClock();
    }

    /// <summary>Moves the server's clock by <paramref name="by"/> (negative goes back); only the server's, never the test process's.</summary>
    public Task<AuthServerClock> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default) =>
        MoveClockAsync(new ClockChange(by.TotalSeconds, null), cancellationToken);

    /// <summary>Sets the server's clock to the real time plus <paramref name="offset"/> (<see cref="TimeSpan.Zero"/> is the real time again).</summary>
    public Task<AuthServerClock> SetClockOffsetAsync(TimeSpan offset, CancellationToken cancellationToken = default) =>
        MoveClockAsync(new ClockChange(null, offset.TotalSeconds), cancellationToken);

    /// <summary>Stops the server (out of process: kills its process tree) and deletes the temporary seed file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        HttpClient.Dispose();
        try
        {
            await _server.DisposeAsync();
        }
        finally
        {
            _seed.Delete();
        }
    }

    private async Task<AuthServerClock> MoveClockAsync(ClockChange change, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "testing/clock") { Content = JsonContent.Create(change) };
        return (await SendAsync<ClockReport>(request, HttpStatusCode.OK, "The clock was not moved", cancellationToken)).ToClock();
    }

    private async Task<AuthTokens> RequestTokensAsync(
        string path, Dictionary<string, string> form, string clientId, string? clientSecret, CancellationToken cancellationToken)
    {
        using var request = FormRequest(path, form, clientId, clientSecret);
        return await SendAsync<AuthTokens>(request, HttpStatusCode.OK, $"The token request of '{clientId}' at /{path} was refused", cancellationToken);
    }

    /// <summary>A form POST with the client's authentication: HTTP Basic with a secret, <c>client_id</c> in the form without.</summary>
    private HttpRequestMessage FormRequest(string path, Dictionary<string, string> form, string clientId, string? clientSecret)
    {
        var secret = clientSecret ?? _seed.Secrets.GetValueOrDefault(clientId);
        if (secret is null)
        {
            form["client_id"] = clientId;
        }

        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (secret is not null)
        {
            // RFC 6749 §2.3.1: the id and secret are form-urlencoded before Basic encoding.
            var credentials = $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        return request;
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, HttpStatusCode expected, string failure, CancellationToken cancellationToken)
    {
        using var response = await HttpClient.SendAsync(request, cancellationToken);
        var body = await EnsureAsync(response, expected, failure, cancellationToken);
        return JsonSerializer.Deserialize<T>(body) ?? throw new AuthTestServerException(failure, response.StatusCode, body);
    }

    private static async Task<string> EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string failure, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode == expected ? body : throw new AuthTestServerException(failure, response.StatusCode, body);
    }

    private sealed record NewUser(
        [property: JsonPropertyName("user_name")] string UserName,
        [property: JsonPropertyName("password")] string Password,
        [property: JsonPropertyName("email"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
        [property: JsonPropertyName("display_name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DisplayName);

    private sealed record ClockChange(
        [property: JsonPropertyName("advance_seconds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? AdvanceSeconds,
        [property: JsonPropertyName("offset_seconds"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? OffsetSeconds);

    private sealed record ClockReport(
        [property: JsonPropertyName("offset_seconds")] double OffsetSeconds,
        [property: JsonPropertyName("now")] string Now)
    {
        public AuthServerClock ToClock() =>
            new(TimeSpan.FromSeconds(OffsetSeconds), DateTimeOffset.Parse(Now, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }
}
