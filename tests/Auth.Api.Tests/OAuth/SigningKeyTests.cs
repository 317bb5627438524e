using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.OAuth;

/// <summary>The signing key survives restarts, and rotation keeps the previous key's tokens valid until they expire.</summary>
public sealed class SigningKeyTests(StoreKind store) : ServerTest(store)
{
    [Test, Order(1)]
    public async Task The_signing_key_and_issued_tokens_survive_a_restart()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        var kidBefore = Jwt.Header(token)["kid"]!.GetValue<string>();

        await RestartServerAsync();

        var tokenAfter = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        Assert.Multiple(async () =>
        {
            Assert.That(Jwt.Header(tokenAfter)["kid"]!.GetValue<string>(), Is.EqualTo(kidBefore));
            Assert.That(await OAuth.IsActiveAsync(token, TestSeed.OrdersApiClient), Is.True);
            Assert.That(await ValidatesWithPublishedKeysAsync(token), Is.True);
        });
    }

    [Test, Order(2)]
    public async Task After_rotation_new_tokens_use_the_new_key_and_old_tokens_still_validate()
    {
        var before = await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead);
        var oldKid = Jwt.Header(before)["kid"]!.GetValue<string>();

        var rotation = await AuthExecutable.RunAsync(Server.Store, "keys", "rotate");
        Assert.That(rotation.ExitCode, Is.EqualTo(0), rotation.Error);

        // The running server publishes the new key on its own (it reads the keys every second in the tests), and signs
        // with it from its start (SigningKeys:PublishAhead after the rotation, 3 s here), not before.
        var kids = await WaitForPublishedKidsAsync(k => k.Count == 2);
        var newKid = kids.Single(k => k != oldKid);
        var after = await Eventually.ReadAsync(
            () => OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead),
            token => Jwt.Header(token)["kid"]!.GetValue<string>() == newKid,
            TimeSpan.FromSeconds(15));

        Assert.Multiple(async () =>
        {
            Assert.That(kids, Does.Contain(oldKid));
            Assert.That(await OAuth.IsActiveAsync(before, TestSeed.OrdersApiClient), Is.True);
            Assert.That(await ValidatesWithPublishedKeysAsync(before), Is.True);
            Assert.That(await ValidatesWithPublishedKeysAsync(after), Is.True);
            Assert.That(await AcceptedAtScimAsync(after), Is.True, "the service's own APIs accept a token of the new key");
            Assert.That(await AcceptedAtScimAsync(before), Is.True, "and still one of the old key");
        });

        // Refresh tokens the old key signed live up to 30 days: two days on, the old key is still there.
        Server.Clock.Advance(TimeSpan.FromDays(2));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.That(await WaitForPublishedKidsAsync(k => k.Count == 2), Does.Contain(oldKid));

        // Once every token the old key signed has expired (31 days maximum lifetime + refresh + skew), it is withdrawn.
        Server.Clock.Advance(TimeSpan.FromDays(30));
        var remaining = await WaitForPublishedKidsAsync(k => k.Count == 1);
        Assert.That(remaining, Is.EquivalentTo(new[] { newKid }));
    }

    private async Task<bool> AcceptedAtScimAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/scim/v2/ServiceProviderConfig");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await Server.Client.SendAsync(request);
        return response.StatusCode != System.Net.HttpStatusCode.Unauthorized;
    }

    private Task<List<string>> WaitForPublishedKidsAsync(Func<List<string>, bool> condition) =>
        Eventually.ReadAsync(() => Jwt.PublishedKidsAsync(Server.Client), condition, TimeSpan.FromSeconds(15));

    private Task<bool> ValidatesWithPublishedKeysAsync(string token) =>
        Jwt.VerifiesWithJwksOfAsync(Server.Client, token, Server.BaseAddress, checkLifetime: false);
}
