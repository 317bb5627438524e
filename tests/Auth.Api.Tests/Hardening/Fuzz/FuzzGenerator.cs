using System.Text;

namespace Auth.Api.Tests.Hardening.Fuzz;

/// <summary>
/// Turns a target's well-formed requests into malformed ones: other methods, odd paths, mutated query strings and
/// bodies, other content types and encodings, missing or broken credentials and odd headers. Each target draws from
/// its own seeded <see cref="Random"/>, so a run is the same every time and adding a target changes no other's requests.
/// </summary>
public sealed class FuzzGenerator(FuzzState state)
{
    private static readonly string[] OtherMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "FOO", "get"];

    private static readonly string[] PathSuffixes =
    [
        "/", "/x", "/x/y", "/%00", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f", ";jsessionid=1", "%20", "/%C3%A9", "/%FF", "/%ZZ", "/.", "/.search",
        "%2F", "/" + new string('a', 3_000), "/\u00e9",
    ];

    private static readonly string[] HostileIds = ["", "%00", "..", "a'b", "%C3%A9", "%FF", "%ZZ", "%E2%80%8B", "x%2Fy", "1%20OR%201%3D1"];

    private static readonly string[] BrokenAuthorizations =
    [
        "Bearer", "Bearer ", "Bearer a.b.c", "Bearer \u00e9t\u00e9", "Basic", "Basic !!!", "Basic bm9jb2xvbg==", "Basic Og==", "Basic JXp6OiV6eg==",
        "Basic c2VydmljZS1hOndyb25n", "Digest x", "Bearer " + new string('A', 9_000), "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
    ];

    private static readonly (string Name, string Value)[] OddHeaders =
    [
        ("If-Match", "garbage"), ("If-Match", "W/\"x\""), ("If-Match", "*"), ("If-None-Match", "W/\"1\""), ("Accept", "application/xml"),
        ("Accept-Charset", "utf-16"), ("X-Forwarded-For", "not-an-address"), ("X-Forwarded-Proto", "https"), ("Host", "evil.example"),
        ("Host", "[::1"), ("Origin", "null"), ("Range", "bytes=0-1"), ("Accept", "*/*;q=abc"), ("Cookie", "auth.session=garbage"),
        ("Cookie", ".AspNetCore.Antiforgery.x=%%%"), ("Expect", "100-continue"), ("Accept-Language", "\u00e9\u00e9;q=2"),
    ];

    public IEnumerable<FuzzRequest> Generate(FuzzTarget target, int count, int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < count; n++)
        {
            yield return Create(target, random, n);
        }
    }

    private FuzzRequest Create(FuzzTarget target, Random random, int n)
    {
        var notes = new List<string>();
        var method = target.Method;
        if (random.Next(100) < 10)
        {
            method = FormMutations.Pick(random, OtherMethods);
            notes.Add("method " + method);
        }

        var path = Path(target, random, n, notes);
        var query = state.Fill(FormMutations.Pick(random, target.Queries), n);
        if (random.Next(100) < (target.Body == FuzzBody.None ? 60 : 10))
        {
            query = FormMutations.Mutate(query, random, notes);
        }

        var headers = new List<KeyValuePair<string, string>>();
        var browser = Credentials(target.Credential, random, headers, notes);
        if (random.Next(100) < 12)
        {
            var (name, value) = FormMutations.Pick(random, OddHeaders);
            notes.Add($"header {name}: {value}");
            headers.Add(new(name, value));
        }

        var (contentType, body) = Body(target, browser, random, n, notes);
        var requestTarget = query.Length == 0 ? path : path + "?" + FormMutations.AsciiOnly(query);
        return new FuzzRequest(method, requestTarget, headers, contentType, body, notes.Count == 0 ? "none (well-formed)" : string.Join("; ", notes));
    }

    private string Path(FuzzTarget target, Random random, int n, List<string> notes)
    {
        var template = target.Path;
        if ((template.Contains("{user}", StringComparison.Ordinal) || template.Contains("{group}", StringComparison.Ordinal)) && random.Next(100) < 15)
        {
            var id = FormMutations.Pick(random, HostileIds);
            notes.Add($"id '{id}'");
            template = template.Replace("{user}", id, StringComparison.Ordinal).Replace("{group}", id, StringComparison.Ordinal);
        }

        var path = state.Fill(template, n);
        switch (random.Next(100))
        {
            case < 8:
                var suffix = FormMutations.Pick(random, PathSuffixes);
                notes.Add("path suffix " + FormMutations.Shorten(suffix));
                return FormMutations.AsciiOnly(path + suffix);
            case < 10:
                notes.Add("upper-case path");
                return path.ToUpperInvariant();
            case < 12:
                notes.Add("doubled slash");
                return "/" + path;
            default:
                return path;
        }
    }

    /// <summary>The target's credentials, mostly as they should be, sometimes missing or broken.</summary>
    private BrowserState? Credentials(FuzzCredential credential, Random random, List<KeyValuePair<string, string>> headers, List<string> notes)
    {
        var roll = random.Next(100);
        if (roll < 8 && credential != FuzzCredential.None)
        {
            notes.Add("no credentials");
            return null;
        }

        if (roll < 18)
        {
            var broken = FormMutations.Pick(random, BrokenAuthorizations);
            notes.Add("Authorization " + FormMutations.Shorten(broken));
            headers.Add(new("Authorization", broken));
        }
        else if (state.Authorization(credential) is { } authorization)
        {
            headers.Add(new("Authorization", authorization));
        }

        var browser = state.Browser(credential);
        if (browser is not null)
        {
            headers.Add(new("Cookie", browser.Cookies));
        }

        return browser;
    }

    private (string? ContentType, byte[]? Body) Body(FuzzTarget target, BrowserState? browser, Random random, int n, List<string> notes)
    {
        var baseline = state.Fill(FormMutations.Pick(random, target.Bodies), n);
        switch (target.Body)
        {
            case FuzzBody.Form:
                if (browser is not null)
                {
                    var token = random.Next(100) < 6 ? "not-the-token" : Uri.EscapeDataString(browser.AntiforgeryToken);
                    baseline = (baseline.Length == 0 ? string.Empty : baseline + "&") + "__RequestVerificationToken=" + token;
                }

                var form = random.Next(100) < 85 ? FormMutations.Mutate(baseline, random, notes) : baseline;
                return FormBodies.Encode(form, random, notes);
            case FuzzBody.Json or FuzzBody.ScimJson:
                var json = random.Next(100) < 85 ? JsonMutations.Mutate(baseline, random, notes) : baseline;
                var usual = target.Body == FuzzBody.ScimJson ? "application/scim+json" : "application/json";
                return (JsonMutations.ContentType(usual, random, notes), JsonMutations.Encode(json, random, notes));
            default:
                if (random.Next(100) >= 10)
                {
                    return (null, null);
                }

                notes.Add("a body where none is expected");
                return (FormMutations.Pick(random, ["application/json", FormBodies.UrlEncoded, "multipart/form-data; boundary=b"]), Encoding.UTF8.GetBytes("{\"a\":\"\\ud800\"}"));
        }
    }
}
