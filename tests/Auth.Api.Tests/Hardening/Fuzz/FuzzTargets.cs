using Auth.Api.Tests.Hosting;

namespace Auth.Api.Tests.Hardening.Fuzz;

/// <summary>
/// Every endpoint of the service, with well-formed requests to start from. Order matters a little: the targets that
/// end a session or delete a resource come last in their group, so the others still reach their deep paths.
/// </summary>
public static class FuzzTargets
{
    private const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private const string WebCallback = "https%3A%2F%2Fapp.example%2Fcb";

    private static readonly string WebAuthorize =
        $"client_id={TestSeed.WebApp.Id}&response_type=code&scope=openid%20profile%20email&redirect_uri={WebCallback}&state=s1&nonce=n1&code_challenge={Challenge}&code_challenge_method=S256";

    private static readonly string PartnerAuthorize =
        $"client_id={TestSeed.PartnerApp.Id}&response_type=code&scope=openid%20profile&redirect_uri=https%3A%2F%2Fpartner.example%2Fcb&state=s2&code_challenge={Challenge}&code_challenge_method=S256";

    private const string ScimUser =
        """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"fuzz-{n}@example.com","externalId":"ext-{n}","name":{"givenName":"Fuzz","familyName":"Test"},"emails":[{"value":"fuzz-{n}@example.com","type":"work","primary":true}],"active":true,"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"QA","manager":{"value":"{user}"}}}""";

    private const string ScimGroup =
        """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Fuzz group {n}","externalId":"gext-{n}","members":[{"value":"{user}"}]}""";

    private const string UserPatch =
        """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"name.givenName","value":"Fuzzed"},{"op":"add","path":"emails[type eq \"home\"].value","value":"h-{n}@example.com"},{"op":"Replace","value":{"title":"T","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"D"}}]}""";

    private const string GroupPatch =
        """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"{user}"}]},{"op":"remove","path":"members[value eq \"{user}\"]"},{"op":"replace","path":"displayName","value":"Fuzz renamed {n}"}]}""";

    private const string SearchRequest =
        """{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"userName sw \"fuzz\"","startIndex":1,"count":5,"attributes":["userName"],"sortBy":"userName"}""";

    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        FuzzTarget.Get("/"),
        FuzzTarget.Get("/.well-known/openid-configuration"),
        FuzzTarget.Get("/.well-known/openid_configuration"),
        FuzzTarget.Get("/jwks.json"),
        FuzzTarget.Get("/health"),
        FuzzTarget.Get("/health/ready"),
        FuzzTarget.Get("/health/live"),
        FuzzTarget.Get("/metrics"),

        FuzzTarget.Form("POST", "/oauth/token", FuzzCredential.ServiceClient, "grant_type=client_credentials&scope=orders.read"),
        FuzzTarget.Form("POST", "/oauth/token", FuzzCredential.WebClient,
            $"grant_type=authorization_code&code=not-a-code&redirect_uri={WebCallback}&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            "grant_type=refresh_token&refresh_token=not-a-refresh-token&scope=openid"),
        FuzzTarget.Form("POST", "/oauth/introspect", FuzzCredential.ServiceClient, "token={serviceToken}&token_type_hint=access_token", "token={userToken}"),
        FuzzTarget.Get("/oauth/userinfo", FuzzCredential.UserToken),
        FuzzTarget.Form("POST", "/oauth/userinfo", FuzzCredential.UserToken, string.Empty, "access_token={userToken}"),

        FuzzTarget.Get("/oauth/authorize", FuzzCredential.Session, WebAuthorize, PartnerAuthorize, WebAuthorize + "&prompt=none&max_age=0",
            WebAuthorize + "&max_age=1000000000000&claims=%7B%22id_token%22%3A%7B%22acr%22%3A%7B%22essential%22%3Atrue%2C%22values%22%3A%5B%22%5Cud800%22%5D%7D%7D%7D"),
        FuzzTarget.Form("POST", "/oauth/authorize", FuzzCredential.Session, WebAuthorize, PartnerAuthorize + "&consent=accept", PartnerAuthorize + "&consent=deny"),
        FuzzTarget.Get("/account/login", FuzzCredential.Anonymous, "ReturnUrl=%2Foauth%2Fauthorize%3F" + "client_id%3Dweb-app", "ReturnUrl=%2F%C3%A9t%C3%A9"),
        FuzzTarget.Form("POST", "/account/login", FuzzCredential.Anonymous,
            $"UserName={{userName}}&Password={UserFlowTest.Password}&ReturnUrl=%2Foauth%2Fauthorize%3Fclient_id%3Dweb-app%26state%3D%C3%A9",
            "UserName=nobody&Password=wrong-password&ReturnUrl=%2F"),
        FuzzTarget.Get("/account/mfa", FuzzCredential.PendingSecondFactor, "ReturnUrl=%2F"),
        FuzzTarget.Form("POST", "/account/mfa", FuzzCredential.PendingSecondFactor, "Code=123456&ReturnUrl=%2F%C3%BC"),
        FuzzTarget.Get("/account/mfa/enrol", FuzzCredential.Session, "ReturnUrl=%2F"),
        FuzzTarget.Form("POST", "/account/mfa/enrol", FuzzCredential.Session, "Code=123456&ReturnUrl=%2F"),

        FuzzTarget.Json("POST", "/mfa/totp/generate", FuzzCredential.UserToken, """{"code":"123456"}""", "{}"),
        FuzzTarget.Json("POST", "/mfa/totp/verify", FuzzCredential.UserToken, """{"code":"123456"}"""),
        FuzzTarget.Json("POST", "/mfa/totp/recovery-codes", FuzzCredential.UserToken, """{"code":"123456"}"""),
        FuzzTarget.Json("DELETE", "/mfa/totp", FuzzCredential.UserToken, """{"code":"123456"}""", """{"recovery_code":"ABCD-EFGH-IJKL-MNOP"}"""),

        FuzzTarget.Get("/admin/audit", FuzzCredential.AdminToken, "type=sign_in&outcome=success&count=5", "since=2026-01-01T00:00:00Z&until=2036-01-01T00:00:00Z&before=99"),

        FuzzTarget.ScimQuery("/Users", "filter=userName%20eq%20%22{userName}%22&startIndex=1&count=10&sortBy=userName&attributes=userName,emails",
            "filter=emails%5Btype%20eq%20%22work%22%5D.value%20co%20%22fuzz%22&excludedAttributes=groups"),
        FuzzTarget.Scim("POST", "/Users", ScimUser),
        FuzzTarget.Scim("POST", "/Users/.search", SearchRequest),
        FuzzTarget.ScimQuery("/Users/{user}", "attributes=userName", string.Empty),
        FuzzTarget.Scim("PUT", "/Users/{user}", ScimUser),
        FuzzTarget.Scim("PATCH", "/Users/{user}", UserPatch),
        FuzzTarget.ScimQuery("/Groups", "filter=displayName%20eq%20%22Fuzz%22&excludedAttributes=members"),
        FuzzTarget.Scim("POST", "/Groups", ScimGroup),
        FuzzTarget.Scim("POST", "/Groups/.search", SearchRequest.Replace("userName", "displayName", StringComparison.Ordinal)),
        FuzzTarget.ScimQuery("/Groups/{group}"),
        FuzzTarget.Scim("PUT", "/Groups/{group}", ScimGroup),
        FuzzTarget.Scim("PATCH", "/Groups/{group}", GroupPatch),
        FuzzTarget.Scim("POST", "/.search", SearchRequest),
        FuzzTarget.Scim("POST", "/Bulk", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":[]}"""),
        FuzzTarget.ScimQuery("/Schemas"),
        FuzzTarget.ScimQuery("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"),
        FuzzTarget.ScimQuery("/ResourceTypes"),
        FuzzTarget.ScimQuery("/ResourceTypes/User"),
        FuzzTarget.ScimQuery("/ServiceProviderConfig"),
        FuzzTarget.ScimQuery("/Foo"),
        FuzzTarget.Scim("DELETE", "/Groups/{group}"),
        FuzzTarget.Scim("DELETE", "/Users/{user}"),

        FuzzTarget.Form("POST", "/oauth/revoke", FuzzCredential.ServiceClient, "token={serviceToken}&token_type_hint=access_token", "token=not-a-token"),
        FuzzTarget.Get("/oauth/logout", FuzzCredential.Session, $"client_id={TestSeed.WebApp.Id}&post_logout_redirect_uri=https%3A%2F%2Fapp.example%2Fsigned-out&state=s3"),
        FuzzTarget.Form("POST", "/oauth/logout", FuzzCredential.Session, "confirm=yes", $"client_id={TestSeed.WebApp.Id}&post_logout_redirect_uri=https%3A%2F%2Fapp.example%2Fsigned-out"),
    ];
}
