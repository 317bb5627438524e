using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Auth.Api;
using Auth.Api.Tests.Hosting;
using Auth.Application.Audit;

namespace Auth.Api.Tests.Observability;

/// <summary>
/// Traces reach a real OTLP/HTTP endpoint: a node (the service's executable) exports to <see cref="OtlpReceiver"/>,
/// and the tests read the protobuf it received. docs/observability.md, docs/security.md rules 138 and 139.
/// </summary>
public sealed class TracingTests(StoreKind store) : UserFlowTest(store)
{
    private OtlpReceiver? _receiver;
    private AuthProcess? _node;

    private OtlpReceiver Receiver => _receiver!;

    private AuthProcess Node => _node!;

    private OAuthClient NodeOAuth => new(Node.Client);

    private static bool WithRedis => Environment.GetEnvironmentVariable("AUTH_TEST_REDIS") is { Length: > 0 };

    [OneTimeSetUp]
    public async Task StartTracedNode()
    {
        _receiver = await new OtlpReceiver().StartAsync();
        var settings = Receiver.ExporterSettings();
        settings["Logging:Console:FormatterName"] = "json";
        settings["Logging:LogLevel:Default"] = "Information";

        // The worst an operator can ask for: EF Core's instrumentation records every parameter's value, which it does
        // under the new database conventions alone (rule 138).
        settings["OTEL_DOTNET_EXPERIMENTAL_EFCORE_ENABLE_TRACE_DB_QUERY_PARAMETERS"] = "true";
        settings["OTEL_SEMCONV_STABILITY_OPT_IN"] = "database/dup";
        if (WithRedis)
        {
            foreach (var setting in TestRedis.Settings($"trace-test-{Guid.NewGuid():N}:"))
            {
                settings[setting.Key] = setting.Value;
            }
        }

        _node = await StartNodeBesideAsync(settings);
    }

    [OneTimeTearDown]
    public async Task StopReceiver()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }

    [Test]
    public async Task A_token_request_has_a_server_span_with_its_route_status_and_database_children()
    {
        var (traceId, parentId) = NewTraceParent();
        using var response = await NodeOAuth.RequestTokenInTraceAsync(TestSeed.ServiceA, traceId, parentId);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var server = await Receiver.SpanAsync(s => s.TraceId == traceId && s.Kind == ExportedSpan.Server, "the token request's server span");
        var database = StoreKind == StoreKind.Postgres ? "postgresql" : "sqlite";
        await Receiver.SpanAsync(s => s.TraceId == traceId && s.DatabaseSystem == database, $"a {database} command of the token request");
        if (WithRedis)
        {
            await Receiver.SpanAsync(s => s.TraceId == traceId && s.DatabaseSystem == "redis", "the rate limiter's Redis call");
        }

        var spans = Receiver.Spans.Where(s => s.TraceId == traceId).ToList();
        var children = spans.Where(s => s.DatabaseSystem is not null).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(server.ParentSpanId, Is.EqualTo(parentId), "the caller's traceparent is the parent");
            Assert.That(server.Attribute("http.route"), Is.EqualTo("/oauth/token"));
            Assert.That(server.Attribute("http.request.method"), Is.EqualTo("POST"));
            Assert.That(server.Attribute("http.response.status_code"), Is.EqualTo("200"));
            Assert.That(server.Name, Is.EqualTo("POST /oauth/token"));
            Assert.That(server.Attribute("oauth.client_id"), Is.EqualTo(TestSeed.ServiceA.Id), "the authenticated client of an issued token");
            Assert.That(server.Attribute("oauth.grant_type"), Is.EqualTo("client_credentials"));
            Assert.That(server.Resource["service.name"], Is.EqualTo("auth"));
            Assert.That(server.Resource, Does.ContainKey("service.version").And.ContainKey("service.instance.id"));
            Assert.That(children, Is.Not.Empty);
            Assert.That(children.All(child => child.Kind == ExportedSpan.Client && IsBelow(child, server, spans)), Is.True,
                $"database spans are client spans under the server span: {string.Join(", ", children.Select(c => $"{c.Name} {c.Kind} {c.ParentSpanId}"))}");
        });
    }

    [Test]
    public async Task The_audit_record_of_a_token_carries_the_trace_id_of_its_request()
    {
        var token = await NodeOAuth.GetAccessTokenAsync(TestSeed.ServiceB);
        var adminToken = await NodeOAuth.GetAccessTokenAsync(TestSeed.AdminAuditReader, "admin.audit.read");

        var record = await Eventually.ReadAsync(
            () => LatestAuditRecordAsync(adminToken, TestSeed.ServiceB.Id),
            found => found is not null,
            TimeSpan.FromSeconds(20));
        Assert.That(record, Is.Not.Null, "the token.issued record reached the audit log");
        var correlationId = record!.Value.GetProperty("correlation_id").GetString()!;
        Assert.That(correlationId, Does.Match("^[0-9a-f]{32}$"), "a W3C trace id");

        var server = await Receiver.SpanAsync(s => s.TraceId == correlationId && s.Kind == ExportedSpan.Server, "the span of the audited request");
        Assert.That(server.Attribute("http.route"), Is.EqualTo("/oauth/token"));
        Assert.That(token, Is.Not.Empty);
    }

    [Test]
    public async Task An_incoming_traceparent_sets_the_trace_and_the_correlation_id_of_the_audit_record()
    {
        var (traceId, parentId) = NewTraceParent();
        using var response = await NodeOAuth.RequestTokenInTraceAsync(TestSeed.UserScopesService, traceId, parentId);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var adminToken = await NodeOAuth.GetAccessTokenAsync(TestSeed.AdminAuditReader, "admin.audit.read");
        var record = await Eventually.ReadAsync(
            () => LatestAuditRecordAsync(adminToken, TestSeed.UserScopesService.Id),
            found => found?.GetProperty("correlation_id").GetString() == traceId,
            TimeSpan.FromSeconds(20));
        Assert.That(record?.GetProperty("correlation_id").GetString(), Is.EqualTo(traceId));
        await Receiver.SpanAsync(s => s.TraceId == traceId && s.ParentSpanId == parentId && s.Kind == ExportedSpan.Server, "the request's span in the caller's trace");
    }

    [Test]
    public async Task No_exported_span_or_log_line_holds_a_secret_a_token_a_code_a_password_or_a_cookie()
    {
        var user = await CreateUserAsync();
        var pkce = Pkce.Create();
        using var browser = new UserAgent(Node.BaseAddress);
        var signedIn = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: pkce), user);
        var code = CallbackParameters(signedIn, TestSeed.WebAppCallback)["code"];
        using var redeemed = await NodeOAuth.PostFormAsync("/oauth/token",
            OAuthClient.Form(("grant_type", "authorization_code"), ("code", code), ("redirect_uri", TestSeed.WebAppCallback), ("code_verifier", pkce.Verifier)),
            OAuthClient.Basic(TestSeed.WebApp.Id, TestSeed.WebApp.Secret));
        var tokens = await OAuthClient.ReadJsonAsync(redeemed);
        Assert.That(redeemed.StatusCode, Is.EqualTo(HttpStatusCode.OK), tokens.ToString());
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        var refreshToken = tokens.GetProperty("refresh_token").GetString()!;
        var idToken = tokens.GetProperty("id_token").GetString()!;

        using (var userInfo = new HttpRequestMessage(HttpMethod.Get, "/oauth/userinfo"))
        {
            userInfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var answered = await Node.Client.SendAsync(userInfo);
            Assert.That(answered.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await NodeOAuth.IntrospectAsync(accessToken, TestSeed.WebApp);
        var querySecret = "query-secret-" + Guid.NewGuid().ToString("N");
        var (traceId, parentId) = NewTraceParent();
        using (var inQuery = new HttpRequestMessage(HttpMethod.Get, $"/oauth/userinfo?access_token={accessToken}&client_secret={querySecret}&code={code}"))
        {
            inQuery.Headers.Add("traceparent", $"00-{traceId}-{parentId}-01");
            inQuery.Headers.Add("Cookie", $"probe={querySecret}");
            using var answered = await Node.Client.SendAsync(inQuery);
        }

        var cookies = browser.Cookies.GetAllCookies().Select(c => c.Value).Where(v => v.Length >= 16).ToList();
        Assert.That(cookies, Is.Not.Empty, "the browser holds the session cookie");
        var last = await Receiver.SpanAsync(s => s.TraceId == traceId && s.Kind == ExportedSpan.Server, "the request with secrets in its query");
        Assert.That(last.Attribute("url.path"), Is.EqualTo("/oauth/userinfo"));
        Assert.That(last.Attributes.Keys, Has.None.EqualTo("url.query"));

        var exported = string.Concat(Receiver.Requests.Select(Encoding.Latin1.GetString));
        var secrets = new Dictionary<string, string>
        {
            ["the client secret"] = TestSeed.WebApp.Secret,
            ["the access token"] = accessToken,
            ["the refresh token"] = refreshToken,
            ["the ID token"] = idToken,
            ["the authorization code"] = code,
            ["the password"] = Password,
            ["the PKCE verifier"] = pkce.Verifier,
            ["the secret in a query string"] = querySecret,
        };
        foreach (var (index, cookie) in cookies.Index())
        {
            secrets[$"cookie {index}"] = cookie;
        }

        var logged = string.Join('\n', Node.Output);
        Assert.Multiple(() =>
        {
            foreach (var (what, secret) in secrets)
            {
                Assert.That(exported.Contains(secret, StringComparison.Ordinal) || exported.Contains(Uri.EscapeDataString(secret), StringComparison.Ordinal),
                    Is.False, $"{what} is in an exported span");
                Assert.That(logged.Contains(secret, StringComparison.Ordinal) || logged.Contains(Uri.EscapeDataString(secret), StringComparison.Ordinal),
                    Is.False, $"{what} is in a log line");
            }

            Assert.That(Receiver.Spans.SelectMany(s => s.Attributes.Keys).Distinct(),
                Has.None.StartsWith("http.request.header").And.None.StartsWith("http.response.header"), "no header is recorded");
            Assert.That(Receiver.Spans.SelectMany(s => s.Attributes.Keys), Has.None.EqualTo("db.npgsql.data_source"), "no connection string");
            Assert.That(Receiver.Spans.SelectMany(s => s.Attributes.Keys), Has.None.StartsWith("db.query.parameter."), "no parameter value, though the node is told to record them");
        });
    }

    [Test]
    public async Task Json_logs_are_one_object_per_line_carry_the_trace_id_and_log_no_exception_for_bad_requests()
    {
        // Bad requests: a wrong secret, a malformed form, an unknown path, no token, a body over the limit.
        var (traceId, parentId) = NewTraceParent();
        var before = Node.Output.Count;
        using (var wrongSecret = await NodeOAuth.RequestTokenInTraceAsync(new TestClient(TestSeed.ServiceA.Id, "not-the-secret"), traceId, parentId))
        {
            Assert.That((int)wrongSecret.StatusCode, Is.EqualTo(401));
        }

        using (var malformed = await Node.Client.PostAsync("/oauth/token", new StringContent("{\"grant_type\":", Encoding.UTF8, "application/json")))
        {
            Assert.That((int)malformed.StatusCode, Is.InRange(400, 499));
        }

        using (var unknown = await Node.Client.GetAsync("/no/such/page?secret=x"))
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        using (var noToken = await Node.Client.GetAsync("/scim/v2/Users"))
        {
            Assert.That(noToken.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        // Expect: 100-continue, with a client that waits for it: the server answers 413 from the Content-Length and
        // closes the connection without reading, so a body being written then would end in a broken pipe, not the answer.
        using (var waiting = HeldBackContent.Client(Node.BaseAddress))
        using (var tooBigRequest = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new StringContent(new string('a', (int)RequestLimits.MaxFormBodyBytes + 1), Encoding.ASCII, "application/x-www-form-urlencoded"),
            Headers = { ExpectContinue = true },
        })
        using (var tooBig = await waiting.SendAsync(tooBigRequest))
        {
            Assert.That(tooBig.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        }

        var (okTrace, okParent) = NewTraceParent();
        using (var issued = await NodeOAuth.RequestTokenInTraceAsync(TestSeed.ServiceA, okTrace, okParent))
        {
            Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var audited = await Eventually.ReadAsync(
            () => Task.FromResult(Node.Output.Skip(before).Select(TryParse).FirstOrDefault(line => line is { } json && IsAuditOf(json, okTrace))),
            line => line is not null,
            TimeSpan.FromSeconds(10));
        var lines = Node.Output.ToList();
        var all = lines.Select(TryParse).ToList();
        var after = all.Skip(before).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lines.Where((_, i) => all[i] is null), Is.Empty, "every line of the process's output is one JSON object");
            Assert.That(lines.Skip(before).Where(line => line.Contains("\\u002B", StringComparison.Ordinal)), Is.Empty, "readable escaping");
            Assert.That(after.Where(line => line is { } json && json.TryGetProperty("Exception", out _)).Select(line => line.ToString()), Is.Empty,
                "no exception is logged for a bad request");
            Assert.That(after.Where(line => line is { } json && json.GetProperty("LogLevel").GetString() is "Error" or "Critical").Select(line => line.ToString()), Is.Empty);
            Assert.That(audited, Is.Not.Null, "the audit line of the token request, with the trace id in its scopes");
        });
        var audit = audited!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(audit.GetProperty("Timestamp").GetString(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
            Assert.That(audit.GetProperty("EventId").GetInt32(), Is.EqualTo(9000));
            Assert.That(audit.GetProperty("State").GetProperty("CorrelationId").GetString(), Is.EqualTo(okTrace));
        });
    }

    private static bool IsAuditOf(JsonElement line, string traceId) =>
        line.TryGetProperty("EventId", out var id) && id.GetInt32() == 9000
        && line.TryGetProperty("Scopes", out var scopes)
        && scopes.EnumerateArray().Any(scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("TraceId", out var trace) && trace.GetString() == traceId);

    private static JsonElement? TryParse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<JsonElement?> LatestAuditRecordAsync(string adminToken, string clientId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/v1/audit?type={SecurityEventTypes.TokenIssued}&client_id={clientId}&count=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await Node.Client.SendAsync(request);
        var page = await OAuthClient.ReadJsonAsync(response);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), page.ToString());
        var items = page.GetProperty("items");
        return items.GetArrayLength() > 0 ? items[0].Clone() : null;
    }

    private static (string TraceId, string ParentId) NewTraceParent() =>
        (ActivityTraceId.CreateRandom().ToHexString(), ActivitySpanId.CreateRandom().ToHexString());

    private static bool IsBelow(ExportedSpan span, ExportedSpan ancestor, List<ExportedSpan> trace)
    {
        var current = span;
        for (var depth = 0; depth < 20; depth++)
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }

            var parent = trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId);
            if (parent is null)
            {
                return false;
            }

            current = parent;
        }

        return false;
    }
}
