using System.Net;
using Auth.Api.Tests.Hosting;
using Auth.Application.Behaviours;
using Auth.Application.Ports;
using Auth.Application.Users;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.Scim;

/// <summary>
/// Look-alike spellings of one user name are one name (UserNameRule): composed and decomposed accents, fullwidth
/// letters; names with invisible characters are refused, wherever a name enters.
/// </summary>
public sealed class UserNameLookAlikeTests(StoreKind store) : ScimTest(store)
{
    [Test]
    public async Task Composed_and_decomposed_spellings_are_one_user_name()
    {
        var suffix = Unique();
        var (created, user) = await Scim.PostAsync("/Users", $$"""{"userName":"jos\u00e9-{{suffix}}"}""");
        var (again, conflict) = await Scim.PostAsync("/Users", $$"""{"userName":"jose\u0301-{{suffix}}"}""");
        var (_, found) = await Scim.GetAsync("/Users?filter=" + ScimClient.Filter($"userName eq \"JOSE\u0301-{suffix}\""));

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), user?.ToJsonString());
        AssertScimError(again, conflict, HttpStatusCode.Conflict, "uniqueness");
        Assert.That(found!["Resources"]!.AsArray().Select(r => (string)r!["id"]!), Is.EqualTo(new[] { (string)user!["id"]! }), "a filter with the other spelling finds the user");
    }

    [Test]
    public async Task A_fullwidth_spelling_is_the_same_name_and_is_stored_narrow()
    {
        var suffix = Unique();
        var (created, user) = await Scim.PostAsync("/Users", $$"""{"userName":"\uff4a\uff4f\uff53\uff45-{{suffix}}"}""");
        var (again, conflict) = await Scim.PostAsync("/Users", $$"""{"userName":"JOSE-{{suffix}}"}""");

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), user?.ToJsonString());
        Assert.That((string)user!["userName"]!, Is.EqualTo($"jose-{suffix}"));
        AssertScimError(again, conflict, HttpStatusCode.Conflict, "uniqueness");
    }

    [TestCase("\\u200b", TestName = "Zero-width space")]
    [TestCase("\\u202e", TestName = "Right-to-left override")]
    [TestCase("\\u0007", TestName = "Control character")]
    public async Task A_name_with_an_invisible_character_is_refused_on_create_replace_and_patch(string character)
    {
        var id = await CreateUserAsync(NewUserName());
        var name = $"jo{character}se-{Unique()}";

        var (created, createdBody) = await Scim.PostAsync("/Users", $$"""{"userName":"{{name}}"}""");
        var (replaced, replacedBody) = await Scim.PutAsync("/Users/" + id, $$"""{"userName":"{{name}}"}""");
        var (patched, patchedBody) = await Scim.PatchAsync("/Users/" + id, ScimClient.Patch($$"""{"op":"replace","path":"userName","value":"{{name}}"}"""));

        AssertScimError(created, createdBody, HttpStatusCode.BadRequest, "invalidValue");
        AssertScimError(replaced, replacedBody, HttpStatusCode.BadRequest, "invalidValue");
        AssertScimError(patched, patchedBody, HttpStatusCode.BadRequest, "invalidValue");
    }

    [Test]
    public async Task Signing_in_with_the_decomposed_spelling_of_a_composed_name_works()
    {
        var suffix = Unique();
        await CreateUserAsync($"jos\u00e9-{suffix}", password: Password);

        using var browser = NewBrowser();
        var response = await SignInThroughAsync(browser, AuthorizeUrl(TestSeed.WebApp.Id, TestSeed.WebAppCallback, pkce: Pkce.Create()), $"JOSE\u0301-{suffix}");

        Assert.That(CallbackParameters(response, TestSeed.WebAppCallback), Does.ContainKey("code"));
    }

    [Test]
    public async Task Registration_from_the_seed_file_or_the_command_line_uses_the_same_rule()
    {
        var suffix = Unique();
        using var scope = Server.Services.CreateScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();

        var created = await sender.Send(new RegisterUser(new UserDefinition { UserName = $"jose\u0301-{suffix}", Password = Password }));
        var lookAlike = await sender.Send(new RegisterUser(new UserDefinition { UserName = $"\uff4a\uff4f\uff53\u00e9-{suffix}", Password = Password }));
        var invisible = Assert.ThrowsAsync<RequestValidationException>(async () =>
            await sender.Send(new RegisterUser(new UserDefinition { UserName = $"jo\u200bse-{suffix}", Password = Password })));
        var stored = await scope.ServiceProvider.GetRequiredService<IAuthDbContext>().Users.Named($"jos\u00e9-{suffix}").Select(u => u.UserName).SingleAsync();

        Assert.Multiple(() =>
        {
            Assert.That(created.Succeeded, Is.True);
            Assert.That(lookAlike.Succeeded, Is.False, "a look-alike of an existing name is a conflict");
            Assert.That(invisible!.Message, Does.Contain("U+200B"));
            Assert.That(stored, Is.EqualTo($"jos\u00e9-{suffix}"), "stored composed");
        });
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
