using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.SignIn;

/// <summary>
/// An unknown user name costs a password-hash verification too (of a hash nobody has), so response time does not
/// tell which user names exist. The hash (PBKDF2-HMAC-SHA512, 210,000 iterations) dominates either path.
/// </summary>
public sealed class SignInTimingTests(StoreKind store) : UserFlowTest(store)
{
    [Test]
    public async Task An_unknown_user_and_a_wrong_password_take_indistinguishable_time()
    {
        string user = "";
        var round = 0;
        await ResponseTimes.AssertIndistinguishableAsync(
            ["wrong password", "unknown user"],
            async kind =>
            {
                if (kind == 1)
                {
                    return await TimeAttemptAsync("nobody-" + Guid.NewGuid().ToString("N")[..8], "wrong-password-" + round);
                }

                // A fresh user every four wrong passwords, below the lockout's five, so every sample is the wrong-password path.
                if (round++ % 4 == 0)
                {
                    user = await CreateUserAsync();
                }

                return await TimeAttemptAsync(user, "wrong-password-" + round);
            },
            rounds: 14,
            bound: 1.5);
    }

    private async Task<double> TimeAttemptAsync(string userName, string password)
    {
        using var browser = NewBrowser();
        using var page = await browser.GetAsync("/account/login");
        var html = await page.Content.ReadAsStringAsync();
        return await ResponseTimes.TimeAsync(async () =>
        {
            using var response = await browser.SubmitFormAsync(html, "/account/login", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
