using System.Net;
using System.Net.Http.Headers;
using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Scim;

/// <summary>Authentication, errors, ETags, filters that try to break the server, atomic PATCH, attribute selection, discovery.</summary>
public sealed class ScimProtocolTests(StoreKind store) : ScimTest(store)
{
    [Test]
    public async Task No_token_or_a_bad_token_is_401_with_a_bearer_challenge_and_a_token_without_the_scope_is_403()
    {
        var anonymous = new ScimClient(Server.Client, "not-a-token");
        var (bad, badBody) = await anonymous.GetAsync("/Users");
        using var none = await Server.Client.GetAsync("/scim/v2/Users");
        var noScope = new ScimClient(Server.Client, await OAuth.GetAccessTokenAsync(TestSeed.ServiceA, TestSeed.OrdersRead));
        var (forbidden, forbiddenBody) = await noScope.GetAsync("/Users");

        AssertScimError(bad, badBody, HttpStatusCode.Unauthorized);
        AssertScimError(forbidden, forbiddenBody, HttpStatusCode.Forbidden);
        Assert.Multiple(() =>
        {
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(none.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Bearer"));
            Assert.That(bad.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Bearer"));
        });
    }

    [Test]
    public async Task A_revoked_provisioning_token_stops_working_at_once()
    {
        var token = await OAuth.GetAccessTokenAsync(TestSeed.ScimClient, "scim");
        var client = new ScimClient(Server.Client, token);
        Assert.That((await client.GetAsync("/Users?count=1")).Response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var revoked = await OAuth.RevokeAsync(token, TestSeed.ScimClient);
        var (response, body) = await client.GetAsync("/Users?count=1");

        AssertScimError(response, body, HttpStatusCode.Unauthorized);
    }

    [TestCase("userName eq")]
    [TestCase("userName xx \"a\"")]
    [TestCase("(userName eq \"a\"")]
    [TestCase("noSuchAttribute eq \"a\"")]
    [TestCase("active gt true")]
    [TestCase("meta.lastModified gt \"not a date\"")]
    public async Task A_bad_filter_is_400_invalidFilter(string filter)
    {
        var (response, body) = await Scim.GetAsync("/Users?filter=" + ScimClient.Filter(filter));

        AssertScimError(response, body, HttpStatusCode.BadRequest, "invalidFilter");
    }

    [Test]
    public async Task Hostile_filters_get_a_fast_400_and_the_server_keeps_serving()
    {
        var nested = new string('(', 1000) + "userName eq \"a\"" + new string(')', 1000);
        var (deep, deepBody) = await Scim.PostAsync("/Users/.search", $$"""{"filter":"{{nested.Replace("\"", "\\\"", StringComparison.Ordinal)}}"}""");
        var wide = string.Join(" or ", Enumerable.Range(0, 10_000).Select(i => $"userName eq \"u{i}\""));
        var (broad, broadBody) = await Scim.PostAsync("/Users/.search", $$"""{"filter":"{{wide.Replace("\"", "\\\"", StringComparison.Ordinal)}}"}""");

        AssertScimError(deep, deepBody, HttpStatusCode.BadRequest, "invalidFilter");
        AssertScimError(broad, broadBody, HttpStatusCode.BadRequest, "invalidFilter");
        Assert.That((await Scim.GetAsync("/Users?count=1")).Response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Filter_values_match_literally_never_as_sql()
    {
        var literal = "a\" or \"1\"=\"1";
        await CreateUserAsync(NewUserName());

        var (_, injected) = await Scim.GetAsync("/Users?filter=" + ScimClient.Filter("userName eq \"a\\\" or \\\"1\\\"=\\\"1\""));
        var (_, wildcard) = await Scim.GetAsync("/Users?filter=" + ScimClient.Filter("userName co \"%\""));

        Assert.Multiple(() =>
        {
            Assert.That(injected!["totalResults"]!.GetValue<int>(), Is.Zero, literal);
            Assert.That(wildcard!["totalResults"]!.GetValue<int>(), Is.Zero, "% is a character, not a wildcard");
        });
    }

    [Test]
    public async Task ETags_give_412_on_a_stale_if_match_and_304_on_a_current_if_none_match()
    {
        var id = await CreateUserAsync(NewUserName());
        var (first, _) = await Scim.GetAsync("/Users/" + id);
        var etag = first.Headers.ETag!;

        var (notModified, _) = await Scim.SendAsync(HttpMethod.Get, "/Users/" + id, configure: r => r.Headers.IfNoneMatch.Add(etag));
        var (changed, _) = await Scim.SendAsync(HttpMethod.Patch, "/Users/" + id, ScimClient.Patch("""{"op":"replace","path":"title","value":"One"}"""),
            r => r.Headers.IfMatch.Add(etag));
        var (stale, staleBody) = await Scim.SendAsync(HttpMethod.Patch, "/Users/" + id, ScimClient.Patch("""{"op":"replace","path":"title","value":"Two"}"""),
            r => r.Headers.IfMatch.Add(etag));
        var (staleDelete, staleDeleteBody) = await Scim.SendAsync(HttpMethod.Delete, "/Users/" + id, configure: r => r.Headers.IfMatch.Add(etag));

        Assert.Multiple(() =>
        {
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(changed.Headers.ETag, Is.Not.EqualTo(etag));
        });
        AssertScimError(stale, staleBody, HttpStatusCode.PreconditionFailed);
        AssertScimError(staleDelete, staleDeleteBody, HttpStatusCode.PreconditionFailed);
    }

    [Test]
    public async Task An_if_match_listing_several_etags_goes_ahead_when_one_is_current_as_rfc_9110_lists_them()
    {
        var id = await CreateUserAsync(NewUserName());
        var (first, _) = await Scim.GetAsync("/Users/" + id);
        var current = first.Headers.ETag!.ToString();
        var (notModified, _) = await Scim.SendAsync(HttpMethod.Get, "/Users/" + id,
            configure: r => r.Headers.TryAddWithoutValidation("If-None-Match", $"W/\"999999\", {current}"));
        var (changed, _) = await Scim.SendAsync(HttpMethod.Patch, "/Users/" + id, ScimClient.Patch("""{"op":"replace","path":"title","value":"One"}"""),
            r => r.Headers.TryAddWithoutValidation("If-Match", $"W/\"999999\", {current}, \"not-ours\""));
        var (stale, staleBody) = await Scim.SendAsync(HttpMethod.Patch, "/Users/" + id, ScimClient.Patch("""{"op":"replace","path":"title","value":"Two"}"""),
            r => r.Headers.TryAddWithoutValidation("If-Match", $"W/\"999999\", {current}"));
        var (changedOnce, _) = await Scim.GetAsync("/Users/" + id);
        var now = changedOnce.Headers.ETag!.ToString();
        var (garbled, garbledBody) = await Scim.SendAsync(HttpMethod.Delete, "/Users/" + id,
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", now.TrimEnd('"')));
        var (junk, junkBody) = await Scim.SendAsync(HttpMethod.Delete, "/Users/" + id,
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", "junk, " + now));
        var (starAmongTags, starAmongTagsBody) = await Scim.SendAsync(HttpMethod.Delete, "/Users/" + id,
            configure: r => r.Headers.TryAddWithoutValidation("If-Match", "*, " + now));
        var (any, _) = await Scim.SendAsync(HttpMethod.Patch, "/Users/" + id, ScimClient.Patch("""{"op":"replace","path":"title","value":"Three"}"""),
            r => r.Headers.TryAddWithoutValidation("If-Match", "*"));

        Assert.Multiple(() =>
        {
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), "one of the listed tags is current");
            Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "one of the listed tags is current");
            Assert.That(any.StatusCode, Is.EqualTo(HttpStatusCode.OK), "* names any version");
        });
        AssertScimError(stale, staleBody, HttpStatusCode.PreconditionFailed);
        AssertScimError(garbled, garbledBody, HttpStatusCode.PreconditionFailed);
        AssertScimError(junk, junkBody, HttpStatusCode.PreconditionFailed);
        AssertScimError(starAmongTags, starAmongTagsBody, HttpStatusCode.PreconditionFailed);
    }

    [Test]
    public async Task A_patch_with_one_failing_operation_changes_nothing()
    {
        var id = await CreateUserAsync(NewUserName());

        var (response, body) = await Scim.PatchAsync("/Users/" + id, ScimClient.Patch(
            """{"op":"replace","path":"title","value":"Should not stick"}""",
            """{"op":"replace","path":"phoneNumbers[type eq \"fax\"].value","value":"555"}"""));
        var (_, user) = await Scim.GetAsync("/Users/" + id);

        AssertScimError(response, body, HttpStatusCode.BadRequest, "noTarget");
        Assert.That(user!.ContainsKey("title"), Is.False);
    }

    [Test]
    public async Task Case_insensitive_filters_fold_letters_beyond_ascii()
    {
        var suffix = NewUserName();
        var (created, group) = await Scim.PostAsync("/Groups", $$"""{"displayName":"Équipe Zürich {{suffix}}"}""");
        var id = await CreateUserAsync(NewUserName());
        await Scim.PatchAsync("/Users/" + id, ScimClient.Patch($$"""{"op":"add","path":"title","value":"Ingénieure ÅSA {{suffix}}"}"""));

        // Entra ID looks a group up by the displayName it holds before creating it; not finding it means a 409 forever.
        var (_, exact) = await Scim.GetAsync("/Groups?filter=" + ScimClient.Filter($"displayName eq \"Équipe Zürich {suffix}\""));
        var (_, otherCase) = await Scim.GetAsync("/Groups?filter=" + ScimClient.Filter($"displayName eq \"éQUIPE zÜRICH {suffix.ToUpperInvariant()}\""));
        var (_, title) = await Scim.GetAsync("/Users?filter=" + ScimClient.Filter($"title sw \"INGÉNIEURE åsa\" and title ew \"{suffix}\""));

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.Multiple(() =>
        {
            Assert.That(exact!["totalResults"]!.GetValue<int>(), Is.EqualTo(1), "the name as created");
            Assert.That(otherCase!["totalResults"]!.GetValue<int>(), Is.EqualTo(1), "RFC 7643 §2.1: caseExact false");
            Assert.That(otherCase["Resources"]![0]!["id"]!.GetValue<string>(), Is.EqualTo(group!["id"]!.GetValue<string>()));
            Assert.That(title!["totalResults"]!.GetValue<int>(), Is.EqualTo(1), "sw and ew ignore case beyond ASCII too");
        });
    }

    [Test]
    public async Task A_filter_on_the_servers_own_timestamps_finds_the_resource_they_came_from()
    {
        var userName = NewUserName();
        var id = await CreateUserAsync(userName);
        var (_, user) = await Scim.GetAsync("/Users/" + id);
        var created = user!["meta"]!["created"]!.GetValue<string>();
        var modified = user["meta"]!["lastModified"]!.GetValue<string>();

        async Task<int> CountAsync(string filter)
        {
            var (_, list) = await Scim.GetAsync("/Users?filter=" + ScimClient.Filter($"userName eq \"{userName}\" and {filter}"));
            return list!["totalResults"]!.GetValue<int>();
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await CountAsync($"meta.created eq \"{created}\""), Is.EqualTo(1), "eq its own created");
            Assert.That(await CountAsync($"meta.lastModified ge \"{modified}\""), Is.EqualTo(1));
            Assert.That(await CountAsync($"meta.lastModified le \"{modified}\""), Is.EqualTo(1));
            Assert.That(await CountAsync($"meta.lastModified gt \"{modified}\""), Is.EqualTo(0), "an incremental sync does not find it again");
            Assert.That(await CountAsync($"meta.lastModified lt \"{modified}\""), Is.EqualTo(0));
            Assert.That(await CountAsync($"meta.created ne \"{created}\""), Is.EqualTo(0));
            Assert.That(await CountAsync("meta.lastModified le \"9999-12-31T23:59:59.9999999Z\""), Is.EqualTo(1), "the last millisecond there is");
        });
    }

    [Test]
    public async Task A_body_over_the_limit_is_413_in_the_scim_error_schema()
    {
        var huge = $$"""{"userName":"{{NewUserName()}}","title":"{{new string('a', (int)RequestLimits.MaxBodyBytes + 10)}}"}""";

        // Expect: 100-continue, so the client waits for the answer instead of writing a body the server will not read
        // (otherwise the early 413 and the closed connection race the client's writing: a broken pipe).
        var (response, body) = await Scim.SendAsync(HttpMethod.Post, "/Users", huge, r => r.Headers.ExpectContinue = true);

        AssertScimError(response, body, HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task One_value_at_most_is_primary()
    {
        var (twoPrimaries, twoPrimariesBody) = await Scim.PostAsync("/Users", $$"""
            {"userName":"{{NewUserName()}}","emails":[{"value":"a@example.com","primary":true},{"value":"b@example.com","primary":true}]}
            """);
        var id = await CreateUserAsync(NewUserName());
        var (made, madeBody) = await Scim.PatchAsync("/Users/" + id, ScimClient.Patch("""{"op":"add","path":"emails","value":[{"value":"new-primary@example.com","primary":true}]}"""));
        var (together, togetherBody) = await Scim.PatchAsync("/Users/" + id, ScimClient.Patch(
            """{"op":"add","path":"emails","value":[{"value":"x@example.com","primary":true},{"value":"y@example.com","primary":true}]}"""));

        AssertScimError(twoPrimaries, twoPrimariesBody, HttpStatusCode.BadRequest, "invalidValue");
        AssertScimError(together, togetherBody, HttpStatusCode.BadRequest, "invalidValue");
        Assert.That(made.StatusCode, Is.EqualTo(HttpStatusCode.OK), madeBody?.ToJsonString());
        var primaries = madeBody!["emails"]!.AsArray().Where(e => e!["primary"]?.GetValue<bool>() == true).Select(e => e!["value"]!.GetValue<string>());
        Assert.That(primaries, Is.EqualTo(new[] { "new-primary@example.com" }), "the earlier primary email is primary no more");
    }

    [Test]
    public async Task Concurrent_patches_without_if_match_are_all_applied()
    {
        var users = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            users.Add(await CreateUserAsync(NewUserName()));
        }

        var (_, group) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{NewUserName()}}"}""");
        var groupId = group!["id"]!.GetValue<string>();

        // As Entra ID and Okta send them: one member per request, several at once, no If-Match.
        var patches = await Task.WhenAll(users.Select(id =>
            Scim.PatchAsync("/Groups/" + groupId, ScimClient.Patch($$"""{"op":"add","path":"members","value":[{"value":"{{id}}"}]}"""))));
        var (_, after) = await Scim.GetAsync("/Groups/" + groupId);

        Assert.Multiple(() =>
        {
            Assert.That(patches.Select(p => (int)p.Response.StatusCode), Is.All.InRange(200, 204), "no 412 without If-Match");
            Assert.That(after!["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()), Is.EquivalentTo(users));
        });
    }

    [Test]
    public async Task A_member_add_racing_the_members_deletion_is_never_a_server_error()
    {
        var (_, group) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{NewUserName()}}"}""");
        var groupId = group!["id"]!.GetValue<string>();
        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < 12; round++)
        {
            var id = await CreateUserAsync(NewUserName());
            var add = Scim.PatchAsync("/Groups/" + groupId, ScimClient.Patch($$"""{"op":"add","path":"members","value":[{"value":"{{id}}"}]}"""));
            var delete = Scim.DeleteAsync("/Users/" + id);
            var (added, addedBody) = await add;
            var (deleted, _) = await delete;
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            if (added.StatusCode == HttpStatusCode.BadRequest)
            {
                AssertScimError(added, addedBody, HttpStatusCode.BadRequest, "invalidValue");
            }

            statuses.Add(added.StatusCode);
        }

        var (_, after) = await Scim.GetAsync("/Groups/" + groupId);
        Assert.Multiple(() =>
        {
            Assert.That(statuses, Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.BadRequest), "never 5xx");
            Assert.That(after!["members"]?.AsArray() ?? [], Is.Empty, "every member was deleted");
        });
    }

    [Test]
    public async Task Add_and_replace_without_a_value_are_refused_and_erase_nothing()
    {
        var id = await CreateUserAsync(NewUserName());
        await Scim.PatchAsync("/Users/" + id, ScimClient.Patch(
            """{"op":"add","path":"title","value":"Engineer"}""",
            """{"op":"add","path":"emails","value":[{"value":"kept@example.com","type":"work"}]}"""));
        var (groupResponse, group) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{NewUserName()}}","members":[{"value":"{{id}}"}]}""");
        var groupId = group!["id"]!.GetValue<string>();

        var (noValue, noValueBody) = await Scim.PatchAsync("/Users/" + id, ScimClient.Patch("""{"op":"add","path":"title"}"""));
        var (nullEmails, nullEmailsBody) = await Scim.PatchAsync("/Users/" + id, ScimClient.Patch("""{"op":"add","path":"emails","value":null}"""));
        var (replaceNoValue, replaceNoValueBody) = await Scim.PatchAsync("/Users/" + id, ScimClient.Patch("""{"op":"Replace","path":"title"}"""));
        var (noMembers, noMembersBody) = await Scim.PatchAsync("/Groups/" + groupId, ScimClient.Patch("""{"op":"add","path":"members"}"""));
        var (_, user) = await Scim.GetAsync("/Users/" + id);
        var (_, groupAfter) = await Scim.GetAsync("/Groups/" + groupId);

        Assert.That(groupResponse.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        AssertScimError(noValue, noValueBody, HttpStatusCode.BadRequest, "invalidSyntax");
        AssertScimError(nullEmails, nullEmailsBody, HttpStatusCode.BadRequest, "invalidSyntax");
        AssertScimError(replaceNoValue, replaceNoValueBody, HttpStatusCode.BadRequest, "invalidSyntax");
        AssertScimError(noMembers, noMembersBody, HttpStatusCode.BadRequest, "invalidSyntax");
        Assert.Multiple(() =>
        {
            Assert.That(user!["title"]?.GetValue<string>(), Is.EqualTo("Engineer"));
            Assert.That(user["emails"]!.AsArray().Select(e => e!["value"]!.GetValue<string>()), Does.Contain("kept@example.com"));
            Assert.That(groupAfter!["members"]!.AsArray(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task Replace_with_a_null_value_clears_the_attribute()
    {
        var id = await CreateUserAsync(NewUserName());
        await Scim.PatchAsync("/Users/" + id, ScimClient.Patch("""{"op":"add","path":"title","value":"Engineer"}"""));

        var (response, body) = await Scim.PatchAsync("/Users/" + id, ScimClient.Patch("""{"op":"replace","path":"title","value":null}"""));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body?.ToJsonString());
        Assert.That(body!.ContainsKey("title"), Is.False, "RFC 7643 §2.5: null is unassigned");
    }

    [TestCase("""{"op":"replace","path":"id","value":"other"}""", "mutability")]
    [TestCase("""{"op":"replace","path":"groups","value":[]}""", "mutability")]
    [TestCase("""{"op":"jump","path":"title","value":"x"}""", "invalidSyntax")]
    [TestCase("""{"op":"remove"}""", "noTarget")]
    [TestCase("""{"op":"replace","path":"emails[type eq","value":"x"}""", "invalidPath")]
    [TestCase("""{"op":"replace","path":"active","value":"maybe"}""", "invalidValue")]
    public async Task Invalid_patch_operations_get_the_matching_scim_type(string operation, string scimType)
    {
        var id = await CreateUserAsync(NewUserName());

        var (response, body) = await Scim.PatchAsync("/Users/" + id, ScimClient.Patch(operation));

        AssertScimError(response, body, HttpStatusCode.BadRequest, scimType);
    }

    [Test]
    public async Task Malformed_bodies_and_wrong_content_types_are_client_errors()
    {
        var (broken, brokenBody) = await Scim.SendAsync(HttpMethod.Post, "/Users", "{\"userName\":");
        var (array, arrayBody) = await Scim.SendAsync(HttpMethod.Post, "/Users", "[]");
        var (noUserName, noUserNameBody) = await Scim.PostAsync("/Users", """{"displayName":"x"}""");
        var (wrongType, wrongTypeBody) = await Scim.PostAsync("/Users", """{"userName":42}""");
        var (text, textBody) = await Scim.SendAsync(HttpMethod.Post, "/Users", configure: r => r.Content = new StringContent("userName=x", System.Text.Encoding.UTF8, "text/plain"));
        var (plainJson, created) = await Scim.SendAsync(HttpMethod.Post, "/Users", configure: r =>
            r.Content = new StringContent($$"""{"userName":"{{NewUserName()}}"}""", System.Text.Encoding.UTF8, "application/json"));

        AssertScimError(broken, brokenBody, HttpStatusCode.BadRequest, "invalidSyntax");
        AssertScimError(array, arrayBody, HttpStatusCode.BadRequest, "invalidSyntax");
        AssertScimError(noUserName, noUserNameBody, HttpStatusCode.BadRequest, "invalidValue");
        AssertScimError(wrongType, wrongTypeBody, HttpStatusCode.BadRequest, "invalidValue");
        AssertScimError(text, textBody, HttpStatusCode.UnsupportedMediaType, "invalidSyntax");
        Assert.That(plainJson.StatusCode, Is.EqualTo(HttpStatusCode.Created), created?.ToJsonString());
    }

    [Test]
    public async Task Attributes_and_excluded_attributes_trim_the_resources_but_keep_id_and_schemas()
    {
        var userName = NewUserName();
        await CreateUserAsync(userName);
        var filter = ScimClient.Filter($"userName eq \"{userName}\"");

        var (_, only) = await Scim.GetAsync($"/Users?filter={filter}&attributes=userName,name.givenName");
        var (_, without) = await Scim.GetAsync($"/Users?filter={filter}&excludedAttributes=emails,name");
        var onlyUser = only!["Resources"]![0]!.AsObject();
        var withoutUser = without!["Resources"]![0]!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(onlyUser.Select(p => p.Key), Is.EquivalentTo(new[] { "schemas", "id", "userName", "name" }));
            Assert.That(onlyUser["name"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "givenName" }));
            Assert.That(withoutUser.ContainsKey("emails"), Is.False);
            Assert.That(withoutUser.ContainsKey("name"), Is.False);
            Assert.That(withoutUser.ContainsKey("userName"), Is.True);
        });
    }

    [Test]
    public async Task Attributes_name_the_enterprise_extension_by_its_urn_and_sub_attributes_of_every_value()
    {
        const string enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
        var id = await CreateUserAsync(NewUserName());
        await Scim.PatchAsync("/Users/" + id, ScimClient.Patch(
            """{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","value":{"department":"Tours","employeeNumber":"7"}}""",
            """{"op":"add","path":"emails","value":[{"value":"second@example.com","type":"home"}]}"""));

        var (_, withExtension) = await Scim.GetAsync($"/Users/{id}?attributes=userName,{enterprise}");
        var (_, withoutExtension) = await Scim.GetAsync($"/Users/{id}?excludedAttributes={enterprise}");
        var (_, emailValues) = await Scim.GetAsync($"/Users/{id}?attributes=emails.value");
        var (_, withoutEmailTypes) = await Scim.GetAsync($"/Users/{id}?excludedAttributes=emails.type");
        var (_, core) = await Scim.GetAsync($"/Users/{id}?attributes=urn:ietf:params:scim:schemas:core:2.0:User");
        var (_, withoutCore) = await Scim.GetAsync($"/Users/{id}?excludedAttributes=urn:ietf:params:scim:schemas:core:2.0:User");
        var (_, coreAndOneOfTheExtension) = await Scim.GetAsync($"/Users/{id}?attributes=urn:ietf:params:scim:schemas:core:2.0:User,{enterprise}:department");
        var (_, withoutTheGroupSchema) = await Scim.GetAsync($"/Users/{id}?excludedAttributes=urn:ietf:params:scim:schemas:core:2.0:Group");
        var (_, group) = await Scim.PostAsync("/Groups", $$"""{"displayName":"{{NewUserName()}}","members":[{"value":"{{id}}"}]}""");
        var (_, groupCore) = await Scim.GetAsync($"/Groups/{group!["id"]}?attributes=urn:ietf:params:scim:schemas:core:2.0:Group");
        var (_, groupAsUser) = await Scim.GetAsync($"/Groups/{group["id"]}?attributes=urn:ietf:params:scim:schemas:core:2.0:User");

        Assert.Multiple(() =>
        {
            Assert.That(withExtension![enterprise]?["department"]?.GetValue<string>(), Is.EqualTo("Tours"), "the URN alone is the whole extension");
            Assert.That(withExtension.ContainsKey("emails"), Is.False);
            Assert.That(withoutExtension!.ContainsKey(enterprise), Is.False);
            Assert.That(withoutExtension.ContainsKey("userName"), Is.True);
            Assert.That(emailValues!["emails"]!.AsArray().Select(e => e!.AsObject().Select(p => p.Key)), Has.All.EqualTo(new[] { "value" }));
            Assert.That(emailValues["emails"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(withoutEmailTypes!["emails"]!.AsArray().Select(e => e!.AsObject().ContainsKey("type")), Has.All.False);
            Assert.That(core!.Select(p => p.Key), Is.SupersetOf(new[] { "id", "schemas", "userName", "emails", "meta" }), "the core URN alone is every core attribute");
            Assert.That(core!.ContainsKey(enterprise), Is.False);
            Assert.That(withoutCore!.Select(p => p.Key), Is.EquivalentTo(new[] { "id", "schemas", enterprise }));
            Assert.That(coreAndOneOfTheExtension!["userName"], Is.Not.Null);
            Assert.That(coreAndOneOfTheExtension[enterprise]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "department" }));
            Assert.That(withoutTheGroupSchema!.ContainsKey("userName"), Is.True, "another resource type's schema names nothing of a user");
            Assert.That(groupCore!.Select(p => p.Key), Is.SupersetOf(new[] { "id", "schemas", "displayName", "members", "meta" }));
            Assert.That(groupAsUser!.Select(p => p.Key), Is.EquivalentTo(new[] { "id", "schemas" }));
        });
    }

    [Test]
    public async Task Count_is_capped_at_max_results_and_sort_orders_descending()
    {
        var prefix = "sort-" + Guid.NewGuid().ToString("N")[..6];
        await CreateUserAsync($"{prefix}-a@example.com");
        await CreateUserAsync($"{prefix}-b@example.com");

        var (_, capped) = await Scim.GetAsync("/Users?count=100000");
        var (_, sorted) = await Scim.GetAsync($"/Users?filter={ScimClient.Filter($"userName sw \"{prefix}\"")}&sortBy=userName&sortOrder=descending");

        Assert.That(capped!["itemsPerPage"]!.GetValue<int>(), Is.LessThanOrEqualTo(200));
        Assert.That(sorted!["Resources"]!.AsArray().Select(r => r!["userName"]!.GetValue<string>()),
            Is.EqualTo(new[] { $"{prefix}-b@example.com", $"{prefix}-a@example.com" }));
    }

    [TestCase("startIndex=99999999999999&count=10", 0, TestName = "{m}(startIndex beyond Int32: a page past the end)")]
    [TestCase("startIndex=-99999999999999&count=1", 1, TestName = "{m}(startIndex below Int32: the first page)")]
    [TestCase("count=99999999999999", 2, TestName = "{m}(count beyond Int32: capped)")]
    [TestCase("count=-99999999999999", 0, TestName = "{m}(count below Int32: zero)")]
    public async Task Paging_integers_beyond_int32_saturate_rather_than_being_refused(string paging, int itemsOnPage)
    {
        var prefix = "paging-" + Guid.NewGuid().ToString("N")[..6];
        await CreateUserAsync($"{prefix}-a@example.com");
        await CreateUserAsync($"{prefix}-b@example.com");

        var (response, page) = await Scim.GetAsync($"/Users?filter={ScimClient.Filter($"userName sw \"{prefix}\"")}&{paging}");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), page?.ToJsonString());
            Assert.That(page?["totalResults"]?.GetValue<int>(), Is.EqualTo(2));
            Assert.That(page?["Resources"]?.AsArray(), Has.Count.EqualTo(itemsOnPage));
        });
    }

    [TestCase("count=12abc")]
    [TestCase("count=1e3")]
    [TestCase("startIndex=-")]
    [TestCase("startIndex=%EF%BC%91")]
    public async Task A_paging_value_that_is_not_an_integer_is_invalidValue(string paging)
    {
        var (response, body) = await Scim.GetAsync("/Users?" + paging);

        AssertScimError(response, body, HttpStatusCode.BadRequest, "invalidValue");
    }

    [Test]
    public async Task Discovery_documents_tell_the_truth()
    {
        var (config, document) = await Scim.GetAsync("/ServiceProviderConfig");
        var (_, types) = await Scim.GetAsync("/ResourceTypes");
        var (_, schemas) = await Scim.GetAsync("/Schemas");

        Assert.Multiple(() =>
        {
            Assert.That(config.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(document!["patch"]!["supported"]!.GetValue<bool>(), Is.True);
            Assert.That(document["bulk"]!["supported"]!.GetValue<bool>(), Is.False);
            Assert.That(document["changePassword"]!["supported"]!.GetValue<bool>(), Is.True, "PUT and PATCH set passwords");
            Assert.That(document["filter"]!["maxResults"]!.GetValue<int>(), Is.EqualTo(200));
            Assert.That(document["etag"]!["supported"]!.GetValue<bool>(), Is.True);
            Assert.That(types!["Resources"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()), Is.EquivalentTo(new[] { "User", "Group" }));
            Assert.That(schemas!["Resources"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()), Is.EquivalentTo(new[]
            {
                "urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                "urn:ietf:params:scim:schemas:core:2.0:Group",
            }));
        });
        var group = schemas!["Resources"]!.AsArray().Single(s => s!["id"]!.GetValue<string>() == "urn:ietf:params:scim:schemas:core:2.0:Group")!;
        var members = group["attributes"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == "members")!;
        Assert.Multiple(() =>
        {
            Assert.That(group["attributes"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == "displayName")!["uniqueness"]!.GetValue<string>(),
                Is.EqualTo("server"), "Scim:UniqueGroupDisplayName is on by default");
            Assert.That(members["subAttributes"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == "value")!["caseExact"]!.GetValue<bool>(), Is.True,
                "members.value compares case-exactly");
            Assert.That(group["meta"]!["location"]!.GetValue<string>(), Is.EqualTo(Server.BaseAddress.AbsoluteUri + "scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group"),
                "an absolute location, like every other");
        });
    }

    [Test]
    public async Task Unknown_resources_are_404_in_the_scim_error_shape()
    {
        var (user, userBody) = await Scim.GetAsync("/Users/no-such-user");
        var (group, groupBody) = await Scim.PatchAsync("/Groups/no-such-group", ScimClient.Patch("""{"op":"replace","path":"displayName","value":"x"}"""));

        AssertScimError(user, userBody, HttpStatusCode.NotFound);
        AssertScimError(group, groupBody, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_put_that_says_nothing_of_active_keeps_the_users_state()
    {
        var userName = NewUserName();
        var id = await CreateUserAsync(userName);
        await Scim.PatchAsync("/Users/" + id, ScimClient.Patch("""{"op":"replace","path":"active","value":false}"""));

        var (put, user) = await Scim.PutAsync("/Users/" + id, $$"""{"userName":"{{userName}}","title":"Renamed"}""");

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), user?.ToJsonString());
        Assert.That(user!["active"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    public async Task An_over_long_value_is_invalidValue_not_a_conflict()
    {
        var (response, body) = await Scim.PostAsync("/Users", $$"""{"userName":"{{new string('a', 300)}}@example.com"}""");

        AssertScimError(response, body, HttpStatusCode.BadRequest, "invalidValue");
    }

    [Test]
    public async Task Get_by_id_honours_attributes()
    {
        var id = await CreateUserAsync(NewUserName());

        var (_, user) = await Scim.GetAsync($"/Users/{id}?attributes=userName");

        Assert.That(user!.Select(p => p.Key), Is.EquivalentTo(new[] { "schemas", "id", "userName" }));
    }
}
