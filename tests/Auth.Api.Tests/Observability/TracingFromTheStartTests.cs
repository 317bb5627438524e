using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Observability;

/// <summary>
/// Tracing starts before the store is touched: the store's preparation (its migration check) has spans, and no pooled
/// database context is left believing that nobody listens. EF Core asks a context's command logger whether anyone
/// listens to its events and remembers a "no" for a second; were the tracer built only when the host starts, the contexts
/// that prepared the store would send nothing for that second, and a request that came then would have no database span.
/// </summary>
public sealed class TracingFromTheStartTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task The_store_preparation_before_the_first_request_has_its_database_spans()
    {
        await using var receiver = await new OtlpReceiver().StartAsync();
        await StartNodeBesideAsync(receiver.ExporterSettings());

        var database = StoreKind == StoreKind.Postgres ? "postgresql" : "sqlite";
        var check = await receiver.SpanAsync(
            s => (s.Attribute("db.system.name") ?? s.Attribute("db.system")) == database
                && s.Attributes.Values.Any(value => value is string text && text.Contains("__EFMigrationsHistory", StringComparison.Ordinal)),
            $"a {database} command of the migration check");
        Assert.That(check.Kind, Is.EqualTo(ExportedSpan.Client));
    }
}
