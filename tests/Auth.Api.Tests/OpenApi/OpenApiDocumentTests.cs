using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Auth.Api.Authorization;
using Auth.Api.OpenApi;
using Auth.Api.Tests.Hosting;
using Auth.Application.Admin;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Api.Tests.OpenApi;

/// <summary>
/// /openapi/v1.json describes every route under /admin, /mfa and /health and nothing else, is valid OpenAPI 3.1 to an
/// independent validator, names the scopes each protected operation needs, and is the same on every request. The
/// reference page is off unless configured (<see cref="ApiReferenceTests"/>).
/// </summary>
public sealed partial class OpenApiDocumentTests(StoreKind store) : ServerTest(store)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    [Test]
    public async Task The_served_document_is_valid_openapi_3_1_to_an_independent_validator()
    {
        var text = await Server.Client.GetStringAsync(Routes.OpenApiDocument);

        var (exitCode, output) = await OpenApiValidator.ValidateAsync(text);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(JsonNode.Parse(text)!["openapi"]!.GetValue<string>(), Does.StartWith("3.1."));
        });
    }

    [Test]
    public async Task Every_route_under_admin_mfa_and_health_is_in_the_document_with_its_methods_and_nothing_else_is()
    {
        var mapped = Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => DocumentedRoutes.Include(e.RoutePattern.RawText ?? string.Empty))
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is null) // the admin console's pages are for people
            .SelectMany(e => e.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods
                .Select(method => $"{method.ToUpperInvariant()} {Template(e.RoutePattern.RawText!)}"))
            .ToHashSet();

        var described = Operations(await DocumentAsync()).Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}").ToHashSet();

        Assert.Multiple(() =>
        {
            Assert.That(mapped, Does.Contain("GET " + Routes.Audit).And.Contain("POST /mfa/totp/verify").And.Contain("GET " + Routes.Health));
            Assert.That(described, Is.EquivalentTo(mapped));
        });
    }

    [Test]
    public async Task Every_admin_and_mfa_operation_names_the_oauth2_scheme_with_the_scopes_of_its_policy()
    {
        var operations = Operations(await DocumentAsync()).Where(o => !o.Path.StartsWith(Routes.Health, StringComparison.Ordinal)).ToList();
        var scopes = operations.ToDictionary(o => $"{o.Method.ToUpperInvariant()} {o.Path}", o => ScopeAlternatives(o.Operation));

        Assert.Multiple(() =>
        {
            Assert.That(scopes.Keys.Where(o => o.Contains(" " + Routes.Admin + "/", StringComparison.Ordinal)), Is.Not.Empty);
            foreach (var (operation, alternatives) in scopes)
            {
                Assert.That(alternatives, Is.Not.Null.And.Not.Empty, operation);
                Assert.That(alternatives?.SelectMany(a => a), Is.Not.Empty.And.SubsetOf(ApiScopes.All.Select(s => s.Name)), operation);
            }

            Assert.That(scopes["GET " + Routes.Audit], Is.EqualTo(new[] { new[] { ApiPolicies.AdminScope } }));
            var mfa = scopes.Where(s => s.Key.Contains(" " + Routes.Mfa + "/", StringComparison.Ordinal)).Select(s => s.Value).ToList();
            Assert.That(mfa, Has.Count.EqualTo(4).And.All.EqualTo(new[] { new[] { "mfa" } }));

            // An admin API operation takes its one admin scope, or the old admin scope for one more release.
            foreach (var (operation, alternatives) in scopes.Where(s => s.Key.Contains(" " + Routes.AdminV1 + "/", StringComparison.Ordinal)))
            {
                Assert.That(alternatives, Has.Count.EqualTo(2), operation);
                Assert.That(alternatives?[0], Has.Count.EqualTo(1).And.SubsetOf(AdminScopes.Names), operation);
                Assert.That(alternatives?[1], Is.EqualTo(new[] { AdminScopes.Everything }), operation);
            }
        });
    }

    [Test]
    public async Task The_security_scheme_gets_tokens_from_the_token_endpoint_with_the_api_scopes()
    {
        var scheme = (await DocumentAsync())["components"]!["securitySchemes"]![ServiceDescription.SecurityScheme]!;
        var clientCredentials = scheme["flows"]!["clientCredentials"]!;
        var authorizationCode = scheme["flows"]!["authorizationCode"]!;
        var offered = new[] { clientCredentials, authorizationCode }.SelectMany(f => f["scopes"]!.AsObject().Select(s => s.Key));

        Assert.Multiple(() =>
        {
            Assert.That(scheme["type"]!.GetValue<string>(), Is.EqualTo("oauth2"));
            Assert.That(clientCredentials["tokenUrl"]!.GetValue<string>(), Is.EqualTo(new Uri(Server.BaseAddress, "oauth/token").AbsoluteUri));
            Assert.That(authorizationCode["tokenUrl"]!.GetValue<string>(), Is.EqualTo(new Uri(Server.BaseAddress, "oauth/token").AbsoluteUri));
            Assert.That(authorizationCode["authorizationUrl"]!.GetValue<string>(), Is.EqualTo(new Uri(Server.BaseAddress, "oauth/authorize").AbsoluteUri));
            Assert.That(clientCredentials["scopes"]!.AsObject().Select(s => s.Key), Does.Contain(ApiPolicies.AdminScope).And.Contain(ApiPolicies.ScimScope));
            Assert.That(authorizationCode["scopes"]!.AsObject().Select(s => s.Key), Is.EqualTo(new[] { "mfa" }));
            Assert.That(offered, Is.EquivalentTo(ApiScopes.All.Select(s => s.Name)));
        });
    }

    [Test]
    public async Task Every_operation_has_an_id_a_summary_and_its_error_answers()
    {
        var operations = Operations(await DocumentAsync()).ToList();

        Assert.Multiple(() =>
        {
            var ids = operations.Select(o => o.Operation["operationId"]?.GetValue<string>()).ToList();
            Assert.That(ids, Is.All.Not.Null);
            Assert.That(ids, Is.Unique);
            foreach (var (method, path, operation) in operations)
            {
                Assert.That(operation["summary"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, $"{method} {path}");
                if (path.StartsWith(Routes.Health, StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var status in new[] { "400", "401", "403" })
                {
                    var schema = operation["responses"]?[status]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();
                    Assert.That(schema, Is.EqualTo("#/components/schemas/" + ServiceDescription.ErrorSchema), $"{method} {path} {status}");
                }
            }
        });
    }

    [Test]
    public async Task The_error_schema_is_the_oauth_error_body()
    {
        var schema = (await DocumentAsync())["components"]!["schemas"]![ServiceDescription.ErrorSchema]!;

        Assert.Multiple(() =>
        {
            // errors: the field list of a validation failure (Errors/FieldError), absent otherwise.
            Assert.That(schema["properties"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "error", "error_description", "errors" }));
            Assert.That(schema["required"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EquivalentTo(new[] { "error", "error_description" }));
        });
    }

    [Test]
    public async Task The_document_is_the_same_on_every_request_and_names_the_issuer_as_its_server()
    {
        var first = await Server.Client.GetStringAsync(Routes.OpenApiDocument);
        var second = await Server.Client.GetStringAsync(Routes.OpenApiDocument);

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first));
            Assert.That(JsonNode.Parse(first)!["servers"]!.AsArray().Select(s => s!["url"]!.GetValue<string>()),
                Is.EqualTo(new[] { Server.BaseAddress.AbsoluteUri.TrimEnd('/') }));
            Assert.That(JsonNode.Parse(first)!["info"]!["version"]!.GetValue<string>(), Is.EqualTo(ServiceVersion.Current));
        });
    }

    [Test]
    public async Task The_reference_page_is_not_served_unless_configured()
    {
        using var page = await Server.Client.GetAsync(Routes.ApiReference);

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private async Task<JsonNode> DocumentAsync() => JsonNode.Parse(await Server.Client.GetStringAsync(Routes.OpenApiDocument))!;

    private static IEnumerable<(string Method, string Path, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(member => Methods.Contains(member.Key))
            .Select(member => (member.Key, path.Key, member.Value!)));

    /// <summary>The scopes of the operation's one security requirement when it names only the oauth2 scheme, else null.</summary>
    /// <summary>The operation's security requirements, each the scopes of the one OAuth 2.0 scheme (any one requirement suffices).</summary>
    private static List<List<string>>? ScopeAlternatives(JsonNode operation) =>
        operation["security"]?.AsArray() is { Count: > 0 } requirements &&
        requirements.All(r => r is JsonObject o && o.Select(p => p.Key).SequenceEqual([ServiceDescription.SecurityScheme]))
            ? requirements.Select(r => r![ServiceDescription.SecurityScheme]!.AsArray().Select(s => s!.GetValue<string>()).ToList()).ToList()
            : null;

    /// <summary>
    /// A route template as a path template of the document: <c>{id:guid}</c> and <c>{id?}</c> become <c>{id}</c>, and a
    /// group's own route (<c>/mfa/totp/</c>) loses its trailing slash, as routing ignores it.
    /// </summary>
    private static string Template(string route) => "/" + RouteParameter().Replace(route.Trim('/'), "{${name}}");

    [GeneratedRegex("{(?<name>[^}:?=]+)[^}]*}")]
    private static partial Regex RouteParameter();
}
