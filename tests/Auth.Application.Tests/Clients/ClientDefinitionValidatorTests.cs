using Auth.Application.Clients;

namespace Auth.Application.Tests.Clients;

public sealed class ClientDefinitionValidatorTests
{
    private readonly ClientDefinitionValidator _validator = new();

    private static ClientDefinition Service(Func<ClientDefinition, ClientDefinition>? change = null)
    {
        var client = new ClientDefinition
        {
            ClientId = "billing-service",
            ClientSecret = "a-long-enough-secret",
            GrantTypes = ["client_credentials"],
            Scopes = ["orders.read"],
        };
        return change is null ? client : change(client);
    }

    [Test]
    public void A_well_formed_service_client_is_valid() =>
        Assert.That(_validator.Validate(Service()).IsValid, Is.True);

    [TestCase("has space")]
    [TestCase("quote\"d")]
    [TestCase("")]
    [TestCase("slash/ed")]
    public void Client_ids_outside_the_unreserved_characters_are_refused(string clientId) =>
        Assert.That(_validator.Validate(Service(c => c with { ClientId = clientId })).IsValid, Is.False);

    /// <summary>A code-flow client with keys, then the request-object settings under test.</summary>
    private static ClientDefinition CodeClient(string? algorithm, bool requireSigned, bool keys = true, string grant = "authorization_code") => new()
    {
        ClientId = "jar-app",
        GrantTypes = [grant],
        RedirectUris = grant == "authorization_code" ? ["https://app.example/cb"] : [],
        Jwks = keys ? System.Text.Json.JsonDocument.Parse("""{"keys":[{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}""").RootElement.Clone() : null,
        ClientSecret = keys ? null : "a-long-enough-secret",
        RequestObjectSigningAlg = algorithm,
        RequireSignedRequestObject = requireSigned,
    };

    [TestCase(null, false, true, "authorization_code", true)]
    [TestCase("ES256", true, true, "authorization_code", true)]
    [TestCase("none", false, false, "authorization_code", true, Description = "unsigned objects only: no keys needed")]
    [TestCase("RS256", false, false, "authorization_code", false, Description = "a signature needs keys to check it with")]
    [TestCase("HS256", false, true, "authorization_code", false, Description = "no HMAC")]
    [TestCase("rs256", false, true, "authorization_code", false, Description = "algorithms are case-sensitive")]
    [TestCase(null, true, false, "authorization_code", false, Description = "requiring signed objects needs keys")]
    [TestCase("none", true, true, "authorization_code", false, Description = "requiring signed objects but registering none")]
    [TestCase(null, true, true, "client_credentials", false, Description = "no authorization requests to sign")]
    public void Request_object_settings_need_keys_to_be_signed_and_the_code_grant_to_be_required(
        string? algorithm, bool requireSigned, bool keys, string grant, bool valid)
    {
        var result = _validator.Validate(CodeClient(algorithm, requireSigned, keys, grant));

        // Refused for the request-object rule, not for something else about the client.
        Assert.That(result.Errors.Select(e => e.PropertyName), valid ? Is.Empty : Is.Not.Empty.And.All.AnyOf("RequestObjectSigningAlg", "RequireSignedRequestObject"));
    }

    [TestCase("https://app.example/ro/1.jwt", "authorization_code", true)]
    [TestCase("https://app.example/ro.jwt#0bH6Qh2Tc7x7xwrN", "authorization_code", true, Description = "a fragment (the object's hash) is allowed")]
    [TestCase("http://127.0.0.1:8080/ro.jwt", "authorization_code", true, Description = "plain http on loopback")]
    [TestCase("http://app.example/ro.jwt", "authorization_code", false, Description = "plain http elsewhere")]
    [TestCase("https://user:pass@app.example/ro.jwt", "authorization_code", false, Description = "user information")]
    [TestCase("/ro.jwt", "authorization_code", false, Description = "relative")]
    [TestCase("urn:ietf:params:oauth:request_uri:abc", "authorization_code", false, Description = "a pushed request's URN is not registered")]
    [TestCase("https://app.example/ro é.jwt", "authorization_code", false, Description = "white space and non-ASCII")]
    [TestCase("https://app.example/ro.jwt", "client_credentials", false, Description = "request objects are authorization requests")]
    [TestCase("https://evil.example\\@trusted.example/ro.jwt", "authorization_code", false, Description = "a backslash that hides the host")]
    [TestCase("http://[::1]:8080/ro.jwt", "authorization_code", true, Description = "an IPv6 loopback literal")]
    [TestCase("https://app.example/a%20b.jwt", "authorization_code", true, Description = "an encoded space in the path")]
    [TestCase("https://app.example/ro?x=1", "authorization_code", true, Description = "a query")]
    [TestCase(null, "authorization_code", false, Description = "null in the JSON list")]
    public void Request_uris_are_https_or_loopback_ascii_without_user_information_for_the_code_grant(string? uri, string grant, bool valid)
    {
        var result = _validator.Validate(CodeClient(null, false, grant: grant) with { RequestUris = [uri!] });

        // Refused for the request-URI rule, not for something else about the client.
        Assert.That(result.Errors.Select(e => e.PropertyName), valid ? Is.Empty : Is.Not.Empty.And.All.StartsWith("RequestUris"));
    }

    [TestCase("https://App.example/ro.jwt", "https://app.example/ro.jwt", Description = "an upper-case host")]
    [TestCase("HTTPS://app.example/ro.jwt", "https://app.example/ro.jwt", Description = "an upper-case scheme")]
    [TestCase("https://app.example:443/ro.jwt", "https://app.example/ro.jwt", Description = "the default port")]
    [TestCase("https://app.example", "https://app.example/", Description = "no path")]
    public void A_request_uri_not_written_as_it_is_sent_is_refused_with_the_form_that_is(string uri, string sent)
    {
        var result = _validator.Validate(CodeClient(null, false) with { RequestUris = [uri] });

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Has.One.StartsWith($"Each of requestUris is written as it is sent: {sent} "));
    }

    [Test]
    public void A_request_uri_longer_than_512_characters_and_an_eleventh_are_refused()
    {
        var tooLong = _validator.Validate(CodeClient(null, false) with { RequestUris = ["https://app.example/" + new string('a', 493)] });
        var atTheLimit = _validator.Validate(CodeClient(null, false) with { RequestUris = ["https://app.example/" + new string('a', 492)] });
        var eleven = _validator.Validate(CodeClient(null, false) with
        {
            RequestUris = Enumerable.Range(0, 11).Select(i => $"https://app.example/{i}.jwt").ToList(),
        });

        Assert.Multiple(() =>
        {
            Assert.That(tooLong.IsValid, Is.False);
            Assert.That(atTheLimit.IsValid, Is.True, string.Join("; ", atTheLimit.Errors));
            Assert.That(eleven.Errors.Select(e => e.ErrorMessage), Has.Some.Contains("at most 10 requestUris"));
        });
    }

    [Test]
    public void Client_credentials_without_a_secret_is_refused() =>
        Assert.That(_validator.Validate(Service(c => c with { ClientSecret = null })).IsValid, Is.False);

    [Test]
    public void Token_exchange_without_a_secret_or_keys_is_refused() =>
        Assert.That(_validator.Validate(Service(c => c with { ClientSecret = null, GrantTypes = ["urn:ietf:params:oauth:grant-type:token-exchange"] })).IsValid, Is.False);

    [Test]
    public void Token_exchange_with_a_secret_is_accepted() =>
        Assert.That(_validator.Validate(Service(c => c with { GrantTypes = ["urn:ietf:params:oauth:grant-type:token-exchange"] })).IsValid, Is.True);

    [Test]
    public void A_short_secret_is_refused() =>
        Assert.That(_validator.Validate(Service(c => c with { ClientSecret = "short" })).IsValid, Is.False);

    [TestCase("password")]
    [TestCase("implicit")]
    [TestCase("urn:ietf:params:oauth:grant-type:jwt-bearer")]
    public void Grant_types_the_server_does_not_offer_are_refused(string grantType) =>
        Assert.That(_validator.Validate(Service(c => c with { GrantTypes = [grantType] })).IsValid, Is.False);

    [Test]
    public void Authorization_code_needs_a_redirect_uri() =>
        Assert.That(_validator.Validate(Service(c => c with { GrantTypes = ["authorization_code"] })).IsValid, Is.False);

    [TestCase("/relative/cb")]
    [TestCase("https://app.example/cb#fragment")]
    [TestCase("not a uri")]
    public void Redirect_uris_must_be_absolute_without_fragment(string uri) =>
        Assert.That(_validator.Validate(Service(c => c with { GrantTypes = ["authorization_code"], RedirectUris = [uri] })).IsValid, Is.False);

    [TestCase("http://rp.example/logout")]
    [TestCase("https://rp.example/logout#fragment")]
    [TestCase("/relative/logout")]
    [TestCase("not a uri")]
    [TestCase("ftp://rp.example/logout")]
    [TestCase("https://user:secret@rp.example/logout")]
    public void Backchannel_logout_uris_must_be_https_or_loopback_http_without_fragment(string uri)
    {
        var result = _validator.Validate(Service(c => c with { BackchannelLogoutUri = uri }));

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Errors.Select(e => e.PropertyName), Does.Contain(nameof(ClientDefinition.BackchannelLogoutUri)));
    }

    [TestCase("https://rp.example/logout")]
    [TestCase("https://rp.example:8443/bcl?tenant=a")]
    [TestCase("http://127.0.0.1:8123/logout")]
    [TestCase("http://localhost/logout")]
    [TestCase("http://[::1]:9000/logout")]
    public void Backchannel_logout_uris_over_https_or_to_loopback_are_valid(string uri) =>
        Assert.That(_validator.Validate(Service(c => c with { BackchannelLogoutUri = uri })).IsValid, Is.True);

    /// <summary>A code-flow client whose redirect URI is <paramref name="redirectUri"/>, with the front-channel logout URI under test.</summary>
    private static ClientDefinition FrontChannelClient(string redirectUri, string frontchannelUri, bool confidential = true) => new()
    {
        ClientId = "fcl-app",
        ClientSecret = confidential ? "a-long-enough-secret" : null,
        GrantTypes = ["authorization_code"],
        RedirectUris = ["com.example.app:/cb", redirectUri],
        FrontchannelLogoutUri = frontchannelUri,
    };

    [TestCase("https://rp.example/cb", "https://rp.example/frontchannel?tenant=a")]
    [TestCase("https://rp.example:8443/cb", "https://RP.example:8443/fc")]
    [TestCase("http://127.0.0.1:8123/cb", "http://127.0.0.1:8123/fc")]
    [TestCase("http://localhost:9000/cb", "http://localhost:9000/fc")]
    public void A_frontchannel_logout_uri_on_the_scheme_host_and_port_of_a_redirect_uri_is_valid(string redirectUri, string frontchannelUri) =>
        Assert.That(_validator.Validate(FrontChannelClient(redirectUri, frontchannelUri)).IsValid, Is.True);

    [TestCase("https://rp.example/cb", "https://other.example/fc", TestName = "A frontchannel_logout_uri on another host is refused")]
    [TestCase("https://rp.example/cb", "https://rp.example:8443/fc", TestName = "A frontchannel_logout_uri on another port is refused")]
    [TestCase("https://rp.example/cb", "https://sub.rp.example/fc", TestName = "A frontchannel_logout_uri on a subdomain is refused")]
    [TestCase("http://127.0.0.1:8123/cb", "http://127.0.0.1:8124/fc", TestName = "A loopback frontchannel_logout_uri on another port is refused")]
    [TestCase("http://rp.example/cb", "http://rp.example/fc", TestName = "A frontchannel_logout_uri over plain http to another host is refused even beside an http redirect URI")]
    [TestCase("https://rp.example/cb", "https://rp.example/fc#top", TestName = "A frontchannel_logout_uri with a fragment is refused")]
    [TestCase("https://rp.example/cb", "/fc", TestName = "A relative frontchannel_logout_uri is refused")]
    [TestCase("http://[::1]:9000/cb", "http://[::1]:9000/fc", TestName = "A frontchannel_logout_uri on an IPv6 literal is refused: the page's policy cannot name it")]
    [TestCase("https://xn--bcher-kva.example/cb", "https://bücher.example/fc", TestName = "A frontchannel_logout_uri on a host not written in ASCII is refused")]
    [TestCase("https://rp.example/cb", "https://user:pw@rp.example/fc", TestName = "A frontchannel_logout_uri with user info is refused")]
    public void A_frontchannel_logout_uri_is_refused_naming_it(string redirectUri, string frontchannelUri)
    {
        var result = _validator.Validate(FrontChannelClient(redirectUri, frontchannelUri));

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { nameof(ClientDefinition.FrontchannelLogoutUri) }), "one refusal, naming the URI");
    }

    [Test]
    public void A_frontchannel_logout_uri_longer_than_a_link_may_be_is_refused() =>
        Assert.That(_validator.Validate(FrontChannelClient("https://rp.example/cb", "https://rp.example/fc?pad=" + new string('a', ClientLinks.MaximumLength)))
            .Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { FrontChannelLogoutUri.NotWellFormed }));

    [Test]
    public void A_public_clients_frontchannel_logout_uri_is_https_even_on_loopback()
    {
        var result = _validator.Validate(FrontChannelClient("http://127.0.0.1:8123/cb", "http://127.0.0.1:8123/fc", confidential: false));
        var https = _validator.Validate(FrontChannelClient("https://rp.example/cb", "https://rp.example/fc", confidential: false));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { FrontChannelLogoutUri.PlainHttpFromAPublicClient }));
        Assert.That(https.IsValid, Is.True, string.Join("; ", https.Errors));
    }

    [TestCase("javascript:alert(1)")]
    [TestCase("data:text/html,<script>alert(1)</script>")]
    [TestCase("vbscript:msgbox(1)")]
    public void A_post_logout_redirect_uri_that_runs_script_is_refused(string uri) =>
        Assert.That(_validator.Validate(FrontChannelClient("https://rp.example/cb", "https://rp.example/fc") with { PostLogoutRedirectUris = [uri] })
            .Errors.Select(e => e.PropertyName), Does.Contain("PostLogoutRedirectUris[0]"));

    [TestCase("http://rp.example/logo.png")]
    [TestCase("javascript:alert(1)")]
    [TestCase("data:image/png;base64,AAAA")]
    [TestCase("/logo.png")]
    [TestCase("https://user:secret@rp.example/logo.png")]
    [TestCase("https://rp.example/a logo.png")]
    [TestCase("https://[fe80::1%25x;sandbox]/logo.png")]
    [TestCase("https://[2001:db8::1]/logo.png")]
    [TestCase("http://[::1]:8080/logo.png")]
    [TestCase("https://bücher.example/logo.png")]
    [TestCase("https://ｅｘａｍｐｌｅ.com/logo.png")]
    public void A_logo_or_link_shown_to_users_must_be_https_or_loopback_http(string uri)
    {
        foreach (var (member, definition) in new[]
        {
            (nameof(ClientDefinition.LogoUri), Service(c => c with { LogoUri = uri })),
            (nameof(ClientDefinition.PolicyUri), Service(c => c with { PolicyUri = uri })),
            (nameof(ClientDefinition.TosUri), Service(c => c with { TosUri = uri })),
            (nameof(ClientDefinition.ClientUri), Service(c => c with { ClientUri = uri })),
        })
        {
            var result = _validator.Validate(definition);
            Assert.That(result.Errors.Select(e => e.PropertyName), Does.Contain(member), uri);
        }
    }

    [Test]
    public void A_logo_or_link_longer_than_2000_characters_is_refused_and_https_or_loopback_ones_are_taken()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_validator.Validate(Service(c => c with { LogoUri = "https://rp.example/" + new string('a', 1_990) })).IsValid, Is.False);
            Assert.That(_validator.Validate(Service(c => c with
            {
                LogoUri = "https://CDN.rp.example:8443/logo.svg", PolicyUri = "https://xn--bcher-kva.example/privacy?lang=en", TosUri = "http://localhost:8080/terms",
            })).IsValid, Is.True);
        });
    }

    [TestCase("ops")]
    [TestCase("@rp.example")]
    [TestCase("ops@")]
    [TestCase("ops@@rp.example")]
    [TestCase("ops team@rp.example")]
    [TestCase("ops@rp.example\u0007")]
    [TestCase("")]
    public void A_contact_must_be_one_e_mail_address_without_spaces(string contact)
    {
        var result = _validator.Validate(Service(c => c with { Contacts = ["owner@rp.example", contact] }));
        Assert.That(result.Errors.Select(e => e.PropertyName), Does.Contain("Contacts[1]"), contact);
    }

    [Test]
    public void At_most_ten_contacts_of_at_most_320_characters_are_taken()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_validator.Validate(Service(c => c with { Contacts = [.. Enumerable.Range(0, 10).Select(i => $"owner{i}@rp.example")] })).IsValid, Is.True);
            Assert.That(_validator.Validate(Service(c => c with { Contacts = [.. Enumerable.Range(0, 11).Select(i => $"owner{i}@rp.example")] })).Errors
                .Select(e => e.PropertyName), Does.Contain(nameof(ClientDefinition.Contacts)));
            Assert.That(_validator.Validate(Service(c => c with { Contacts = [new string('a', 310) + "@rp.example"] })).IsValid, Is.False, "321 characters");
            Assert.That(_validator.Validate(Service(c => c with { Contacts = [new string('a', 309) + "@rp.example"] })).IsValid, Is.True, "320 characters");
        });
    }

    [TestCase("authorization_code")]
    [TestCase("refresh_token")]
    public void Admin_scopes_are_refused_beside_a_user_grant(string grantType)
    {
        var client = Service(c => c with { GrantTypes = ["client_credentials", grantType], RedirectUris = ["https://app.example/cb"], Scopes = ["admin.users.read"] });

        var result = _validator.Validate(client);

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "Scopes" }));
    }

    [Test]
    public void Admin_scopes_are_allowed_to_a_client_credentials_client() =>
        Assert.That(_validator.Validate(Service(c => c with { Scopes = ["admin.users.read", "admin.keys"] })).IsValid, Is.True);

    [TestCase("two words")]
    [TestCase("quote\"")]
    [TestCase("back\\slash")]
    public void Scopes_must_be_single_scope_tokens(string scope) =>
        Assert.That(_validator.Validate(Service(c => c with { Scopes = [scope] })).IsValid, Is.False);

    [TestCase(0)]
    [TestCase(86_401)]
    public void Access_token_lifetime_is_bounded(int seconds) =>
        Assert.That(_validator.Validate(Service(c => c with { AccessTokenLifetime = seconds })).IsValid, Is.False);

    [TestCase("displayName")]
    [TestCase("id")]
    public void The_groups_claim_lists_display_names_or_ids(string groupsClaim) =>
        Assert.That(_validator.Validate(Service(c => c with { GroupsClaim = groupsClaim })).IsValid, Is.True);

    [TestCase("name")]
    [TestCase("ID")]
    [TestCase("")]
    public void Any_other_groups_claim_is_refused_naming_it(string groupsClaim)
    {
        var result = _validator.Validate(Service(c => c with { GroupsClaim = groupsClaim }));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Has.Some.Contains("groupsClaim"));
    }

    [Test]
    public void Roles_mapped_to_groups_by_name_are_valid() =>
        Assert.That(_validator.Validate(Service(c => c with
        {
            Roles = new Dictionary<string, IReadOnlyList<string>> { ["admin"] = ["HR Admins", "IT Admins"], ["approver"] = ["Finance Approvers"] },
        })).IsValid, Is.True);

    [Test]
    public void A_role_without_a_group_is_refused_naming_the_role()
    {
        var result = _validator.Validate(Service(c => c with { Roles = new Dictionary<string, IReadOnlyList<string>> { ["admin"] = [] } }));

        Assert.That(result.Errors.Select(e => e.ErrorMessage), Has.Some.Contains("'admin'"));
    }

    [TestCase("")]
    [TestCase("  ")]
    [TestCase("tab\there")]
    public void A_blank_or_control_character_role_name_is_refused(string role) =>
        Assert.That(_validator.Validate(Service(c => c with
        {
            Roles = new Dictionary<string, IReadOnlyList<string>> { [role] = ["Admins"] },
        })).IsValid, Is.False);

    [Test]
    public void A_blank_group_name_is_refused() =>
        Assert.That(_validator.Validate(Service(c => c with { Roles = new Dictionary<string, IReadOnlyList<string>> { ["admin"] = [" "] } })).IsValid, Is.False);
}
