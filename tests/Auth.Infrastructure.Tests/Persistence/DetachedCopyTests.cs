using Auth.Infrastructure.Persistence;
using OpenIddict.EntityFrameworkCore.Models;

namespace Auth.Infrastructure.Tests.Persistence;

public sealed class DetachedCopyTests
{
    [Test]
    public void A_copy_has_every_stored_column_and_shares_no_navigation_collection()
    {
        var original = new OpenIddictEntityFrameworkCoreApplication
        {
            Id = "1",
            ClientId = "app",
            ClientSecret = "hash",
            ClientType = "confidential",
            ConsentType = "explicit",
            DisplayName = "App",
            Permissions = "[\"gt:client_credentials\"]",
            RedirectUris = "[]",
            Requirements = "[]",
            Settings = "{}",
            ConcurrencyToken = "v1",
        };
        original.Authorizations.Add(new OpenIddictEntityFrameworkCoreAuthorization { Id = "a" });

        var copy = DetachedCopy<OpenIddictEntityFrameworkCoreApplication>.Of(original);

        Assert.Multiple(() =>
        {
            Assert.That(copy, Is.Not.SameAs(original));
            Assert.That(copy.Id, Is.EqualTo("1"));
            Assert.That(copy.ClientId, Is.EqualTo("app"));
            Assert.That(copy.ClientSecret, Is.EqualTo("hash"));
            Assert.That(copy.Permissions, Is.EqualTo(original.Permissions));
            Assert.That(copy.ConcurrencyToken, Is.EqualTo("v1"));
            Assert.That(copy.Authorizations, Is.Not.SameAs(original.Authorizations));
            Assert.That(copy.Authorizations, Is.Empty);
        });
    }
}
