using Auth.Application.Mfa;
using Auth.Application.Users;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Auth.Api.Tests.Hosting;

/// <summary>Gives a user a confirmed authenticator through the use cases, for tests about what follows the password.</summary>
public static class SecondFactors
{
    /// <summary>Enrols and confirms an authenticator for the user; returns it, to compute codes at the server's time.</summary>
    public static async Task<Totp> EnrolAsync(AuthServer server, string userName)
    {
        using var scope = server.Services.CreateScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var userId = (await sender.Send(new ListUsers())).Single(u => u.UserName == userName).Id;
        var enrolment = await sender.Send(new GenerateTotp(userId));
        Assert.That(enrolment.Succeeded, Is.True, enrolment.Error?.Description);
        var totp = new Totp(Base32Encoding.ToBytes(enrolment.Value!.Secret));
        var confirmed = await sender.Send(new VerifyTotp(userId, totp.ComputeTotp(server.Clock.GetUtcNow().UtcDateTime), RecentSignIn: true));
        Assert.That(confirmed.Succeeded, Is.True, confirmed.Error?.Description);
        return totp;
    }
}
