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
            using var response = await new OAuthClient(node.Client)
                .RequestTokenInTraceAsync(TestSeed.ServiceA, traceId, ActivitySpanId.CreateRandom().ToHexString());
            Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        }));

        var database = StoreKind == StoreKind.Postgres ? "postgresql" : "sqlite";
        var check = await receiver.SpanAsync(
            s => s.DatabaseSystem == database
                && s.Attributes.Values.Any(value => value is string text && text.Contains("__EFMigrationsHistory", StringComparison.Ordinal)),
            $"a {database} command of the migration check");
        Assert.That(check.Kind, Is.EqualTo(ExportedSpan.Client));
        for (var i = 0; i < traces.Count; i++)
        {
            var traceId = traces[i];
            await receiver.SpanAsync(s => s.TraceId == traceId && s.DatabaseSystem == database, $"a {database} command of token request {i + 1}");
        }
    }
}
