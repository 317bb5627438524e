using Auth.Application.Mfa;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Auth.Api.Tests.Hosting;

/// <summary>A user's authenticator app: enrolled in process, and codes computed on the server's test clock.</summary>
public static class Authenticator
{
    /// <summary>Confirms an authenticator for the user and moves the clock past the time step its code used.</summary>
    public static async Task<string> EnrolAsync(AuthServer server, string userName)
    {
        var userId = await StoredSessions.UserIdAsync(server, userName);
        using var scope = server.Services.CreateScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var enrolment = await sender.Send(new GenerateTotp(userId));
        Assert.That(enrolment.Succeeded, Is.True, enrolment.Error?.Description);
        var confirmed = await sender.Send(new VerifyTotp(userId, Code(server, enrolment.Value!.Secret), RecentSignIn: true));
        Assert.That(confirmed.Succeeded, Is.True, confirmed.Error?.Description);
        server.Clock.Advance(TimeSpan.FromSeconds(30));
        return enrolment.Value!.Secret;
    }

    public static string Code(AuthServer server, string secret) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(server.Clock.GetUtcNow().UtcDateTime);

    /// <summary>Gives the code on the page a redirect to <c>/account/mfa</c> leads to, and follows the redirects after it.</summary>
    public static async Task<HttpResponseMessage> GiveCodeAsync(UserAgent browser, HttpResponseMessage askedForCode, AuthServer server, string secret)
    {
        var mfaUrl = askedForCode.Headers.Location!.OriginalString;
        Assert.That(mfaUrl, Does.StartWith("/account/mfa?"));
        using var page = await browser.GetAsync(mfaUrl);
        var verified = await browser.SubmitFormAsync(await page.Content.ReadAsStringAsync(), mfaUrl,
            new Dictionary<string, string> { ["Code"] = Code(server, secret) });
        return await browser.FollowLocalRedirectsAsync(verified);
    }
}
