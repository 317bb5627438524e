using System.Net;
using Auth.Api.Tests.Hosting;
using Microsoft.Extensions.Options;

namespace Auth.Api.Tests.Account;

/// <summary>Self-service password reset is off by default, and on only with a mail server to send its links.</summary>
public sealed class PasswordResetOffTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task Off_by_default_the_page_does_not_exist_and_the_sign_in_page_does_not_offer_it()
    {
        using var browser = NewBrowser();
        using var page = await browser.GetAsync("/account/forgot-password");
        using var login = await browser.GetAsync("/account/login");

        Assert.Multiple(async () =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await login.Content.ReadAsStringAsync(), Does.Not.Contain("Forgot your password?"));
        });
    }

    [TestCase("SignIn:PasswordReset", "true", "Smtp:Host")]
    [TestCase("SignIn:PasswordResetLinkLifetime", "00:04:59", "PasswordResetLinkLifetime")]
    [TestCase("SignIn:PasswordResetLinkLifetime", "1.00:00:01", "PasswordResetLinkLifetime")]
    [TestCase("SignIn:PasswordResetInterval", "-00:00:01", "PasswordResetInterval")]
    public void On_without_a_mail_server_or_with_times_out_of_range_it_stops_the_start(string key, string value, string named)
    {
        var failure = Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var server = await AuthServer.StartAsync(Server.Store, new Dictionary<string, string?> { [key] = value });
        });

        Assert.That(failure!.Message, Does.Contain(named));
    }
}
