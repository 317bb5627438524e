namespace Auth.Api.Tests.Hardening.Fuzz;

/// <summary>What an endpoint takes in its body: the mutations applied depend on it.</summary>
public enum FuzzBody
{
    None,
    Form,
    Json,
    ScimJson,
}

/// <summary>The credentials a well-formed request to the endpoint carries, so mutations reach past authentication.</summary>
public enum FuzzCredential
{
    None,

    /// <summary>HTTP Basic of a client_credentials client (service-a).</summary>
    ServiceClient,

    /// <summary>HTTP Basic of the confidential web application (authorization_code, refresh_token).</summary>
    WebClient,

    ScimToken,
    AdminToken,

    /// <summary>A user's access token, as /mfa/totp and userinfo take it.</summary>
    UserToken,

    /// <summary>The session cookie of a signed-in user, and that session's antiforgery token in forms.</summary>
    Session,

    /// <summary>No session; the antiforgery cookie and token of the sign-in page.</summary>
    Anonymous,

    /// <summary>The cookie of a user who gave the password and still owes the second factor.</summary>
    PendingSecondFactor,
}

/// <summary>
/// An endpoint and well-formed requests to it (query and body baselines), which the generator mutates. Paths and
/// baselines may hold {user}, {group}, {userName}, {serviceToken} and {userToken}, filled in from the fixture's state.
/// </summary>
public sealed record FuzzTarget(string Method, string Path, FuzzBody Body, FuzzCredential Credential, string[] Queries, string[] Bodies)
{
    public static FuzzTarget Get(string path, FuzzCredential credential = FuzzCredential.None, params string[] queries) =>
        new("GET", path, FuzzBody.None, credential, queries.Length == 0 ? [string.Empty] : queries, [string.Empty]);

    public static FuzzTarget Form(string method, string path, FuzzCredential credential, params string[] bodies) =>
        new(method, path, FuzzBody.Form, credential, [string.Empty], bodies);

    public static FuzzTarget Json(string method, string path, FuzzCredential credential, params string[] bodies) =>
        new(method, path, FuzzBody.Json, credential, [string.Empty], bodies);

    public static FuzzTarget Scim(string method, string path, params string[] bodies) =>
        new(method, "/scim/v2" + path, bodies.Length == 0 ? FuzzBody.None : FuzzBody.ScimJson, FuzzCredential.ScimToken, [string.Empty], bodies.Length == 0 ? [string.Empty] : bodies);

    public static FuzzTarget ScimQuery(string path, params string[] queries) =>
        new("GET", "/scim/v2" + path, FuzzBody.None, FuzzCredential.ScimToken, queries.Length == 0 ? [string.Empty] : queries, [string.Empty]);

    public override string ToString() => $"{Method} {Path}";
}
