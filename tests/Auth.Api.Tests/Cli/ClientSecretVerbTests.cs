using System.Net;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Cli;

/// <summary><c>clients secret rotate</c>: the new secret printed once, the previous kept for the stated while.</summary>
public sealed class ClientSecretVerbTests(StoreKind store) : ServerTest(store)
{
    [Test]
    public async Task Rotating_on_the_command_line_prints_the_new_secret_and_keeps_the_old_one_for_the_stated_while()
    {
        var old = await RegisterOwnClientAsync("cli-rotated", [TestSeed.OrdersRead]);

        var rotated = await AuthExecutable.RunAsync(Server.Store, "clients", "secret", "rotate", "--id", old.Id, "--keep-previous-for", "1h");
        var secret = rotated.Output.Trim();

        Assert.Multiple(() =>
        {
            Assert.That(rotated.ExitCode, Is.Zero, rotated.Error);
            Assert.That(secret, Has.Length.EqualTo(43), "the secret alone on standard output");
            Assert.That(rotated.Error, Does.Contain("previous secret works until"));
        });
        Assert.That(await OAuth.GetAccessTokenAsync(old, TestSeed.OrdersRead), Is.Not.Empty, "the previous secret, within the hour");
        Assert.That(await OAuth.GetAccessTokenAsync(old with { Secret = secret }, TestSeed.OrdersRead), Is.Not.Empty, "the new secret");

        Server.Clock.Advance(TimeSpan.FromMinutes(61));
        using var refused = await OAuth.RequestTokenAsync(old, TestSeed.OrdersRead);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the previous secret, after the hour");
    }

    [TestCase("1x")]
    [TestCase("31d")]
    public async Task A_bad_or_too_long_overlap_is_refused(string duration)
    {
        var client = await RegisterOwnClientAsync("cli-bad", [TestSeed.OrdersRead]);

        var refused = await AuthExecutable.RunAsync(Server.Store, "clients", "secret", "rotate", "--id", client.Id, "--keep-previous-for", duration);

        Assert.That(refused.ExitCode, Is.Not.Zero);
        Assert.That(await OAuth.GetAccessTokenAsync(client, TestSeed.OrdersRead), Is.Not.Empty, "the secret is unchanged");
    }
}
