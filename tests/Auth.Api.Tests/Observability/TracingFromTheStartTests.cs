using System.Diagnostics;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Observability;

/// <summary>
/// Tracing starts before the store is touched: the store's preparation (its migration check) has spans, and the first
/// requests after the start have their database spans. EF Core asks a context's command logger whether anyone listens
/// to its events and remembers a "no" for a second; were the tracer built only when the host starts, the pooled
/// contexts that prepared the store would send no SQLite span for that second. PostgreSQL's spans come from Npgsql,
/// which asks on every command: there the test checks the order alone.
/// </summary>
public sealed class TracingFromTheStartTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task The_store_preparation_and_the_first_requests_after_a_start_have_their_database_spans()
    {
        await using var receiver = await new OtlpReceiver().StartAsync();
        var node = await StartNodeBesideAsync(receiver.ExporterSettings());

        // At once, so that the pool hands out every context it holds, those that prepared the store included.
        var traces = Enumerable.Range(0, 4).Select(_ => ActivityTraceId.CreateRandom().ToHexString()).ToList();
        await Task.WhenAll(traces.Select(async traceId =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
            {
                Content = new FormUrlEncodedContent(OAuthClient.Form(("grant_type", "client_credentials"))),
            };
            request.Headers.Authorization = OAuthClient.Basic(TestSeed.ServiceA.Id, TestSeed.ServiceA.Secret);
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            using var response = await node.Client.SendAsync(request);
            Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        }));

        var database = StoreKind == StoreKind.Postgres ? "postgresql" : "sqlite";
        var check = await receiver.SpanAsync(
            s => DatabaseSystem(s) == database
                && s.Attributes.Values.Any(value => value is string text && text.Contains("__EFMigrationsHistory", StringComparison.Ordinal)),
            $"a {database} command of the migration check");
        Assert.That(check.Kind, Is.EqualTo(ExportedSpan.Client));
        for (var i = 0; i < traces.Count; i++)
        {
            var traceId = traces[i];
            await receiver.SpanAsync(s => s.TraceId == traceId && DatabaseSystem(s) == database, $"a {database} command of token request {i + 1}");
        }
    }

    private static string? DatabaseSystem(ExportedSpan span) => span.Attribute("db.system.name") ?? span.Attribute("db.system");
}
