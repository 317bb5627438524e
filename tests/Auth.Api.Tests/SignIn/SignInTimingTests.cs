using System.Diagnostics;
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
        var user = await CreateUserAsync();
        var unknown = new List<double>();
        var wrong = new List<double>();
        for (var round = 0; round < 14; round++)
        {
            // A fresh user name each round for the wrong password, so the lockout never starts.
            wrong.Add(await TimeAttemptAsync(round % 4 == 3 ? await CreateUserAsync() : user, "wrong-password-" + round));
            unknown.Add(await TimeAttemptAsync("nobody-" + Guid.NewGuid().ToString("N")[..8], "wrong-password-" + round));
        }

        var medians = new[] { wrong.Order().ElementAt(wrong.Count / 2), unknown.Order().ElementAt(unknown.Count / 2) };
        await TestContext.Out.WriteLineAsync($"median ms: wrong password {medians[0]:0.0}, unknown user {medians[1]:0.0}");
        Assert.That(medians.Max() / medians.Min(), Is.LessThan(1.5), $"median ms: wrong password {medians[0]:0.0}, unknown user {medians[1]:0.0}");
    }

    private async Task<double> TimeAttemptAsync(string userName, string password)
    {
        using var browser = NewBrowser();
        using var page = await browser.GetAsync("/account/login");
        var html = await page.Content.ReadAsStringAsync();
        var started = Stopwatch.GetTimestamp();
        using var response = await browser.SubmitFormAsync(html, "/account/login", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = password });
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return elapsed;
    }
}
