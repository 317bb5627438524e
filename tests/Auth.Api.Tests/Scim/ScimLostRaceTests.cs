using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Application.Concurrency;
using Auth.TestSupport;

namespace Auth.Api.Tests.Scim;

/// <summary>
/// A SCIM write whose user row keeps being saved by others first: without If-Match it is made again on the fresh row,
/// and after <see cref="WriteRetry.MaxAttempts"/> losses answers 409 (the client set no precondition, so never 412);
/// with If-Match it is made once and its 412 stands. Either way nothing of it is written.
/// </summary>
public sealed class ScimLostRaceTests(StoreKind store) : ScimTest(store)
{
    [Test]
    public async Task A_change_without_if_match_that_loses_every_race_answers_409_and_one_with_if_match_412_writing_nothing()
    {
        var userId = await CreateUserAsync(NewUserName());
        var raceLoser = RowRaceLoser.ForUser();
        await using var racing = await AuthServer.StartAsync(Server.Store, new Dictionary<string, string?> { ["OAuth:Issuer"] = Server.BaseAddress.AbsoluteUri },
            services => raceLoser.AddTo(services, postgres: Server.Store.Kind == StoreKind.Postgres));
        var scim = new ScimClient(racing.Client, await new OAuthClient(racing.Client).GetAccessTokenAsync(TestSeed.ScimClient, "scim"));
        var patch = ScimClient.Patch("""{"op":"replace","path":"title","value":"Never written"}""");

        raceLoser.Key = userId;
        var (withoutPrecondition, withoutBody) = await scim.PatchAsync($"/Users/{userId}", patch);
        var madeWithout = raceLoser.Raised;
        var (read, _) = await scim.GetAsync($"/Users/{userId}");
        var (withPrecondition, withBody) = await scim.SendAsync(HttpMethod.Patch, $"/Users/{userId}", patch,
            r => r.Headers.IfMatch.Add(read.Headers.ETag!));
        var madeWith = raceLoser.Raised - madeWithout;
        raceLoser.Key = null;
        var (after, afterBody) = await scim.GetAsync($"/Users/{userId}");

        AssertScimError(withoutPrecondition, withoutBody, HttpStatusCode.Conflict);
        AssertScimError(withPrecondition, withBody, HttpStatusCode.PreconditionFailed);
        Assert.Multiple(() =>
        {
            Assert.That(madeWithout, Is.EqualTo(WriteRetry.MaxAttempts), "made again on fresh data until the last attempt");
            Assert.That(madeWith, Is.EqualTo(1), "a conditional change is made once");
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(afterBody?["title"], Is.Null, "neither change was written");
        });
    }
}
