using Auth.Infrastructure.Clients;

namespace Auth.Infrastructure.Tests.Clients;

public sealed class ClientCatalogTests
{
    [Test]
    public void A_client_is_served_only_at_the_concurrency_token_it_was_kept_under()
    {
        var catalog = new ClientCatalog();
        var kept = new object();
        catalog.Keep("app", "v1", kept);

        Assert.Multiple(() =>
        {
            Assert.That(catalog.TryGet("app", "v1", out var same) && ReferenceEquals(same, kept), Is.True);
            Assert.That(catalog.TryGet("app", "v2", out _), Is.False, "the stored client changed since");
            Assert.That(catalog.TryGet("other", "v1", out _), Is.False);
            Assert.That(catalog.TryGet("APP", "v1", out _), Is.False, "client ids are compared exactly");
        });
    }
}
