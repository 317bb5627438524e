using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Auth.Api.Admin;
using Auth.Api.Health;
using Auth.Api.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Auth.Api.Tests.Testing;

/// <summary>
/// What the start-up no longer builds by reflection (docs/performance.md, ephemeral start-up): the endpoints' JSON
/// metadata comes from <see cref="EndpointJsonContext"/>, with the same behaviour, and MVC looks for no controllers.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class StartupMetadataTests
{
    private EphemeralInstance _server = null!;

    [OneTimeSetUp]
    public async Task Start() => _server = await EphemeralInstance.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public void Every_json_body_an_endpoint_takes_and_the_health_reports_are_described_by_the_generated_context()
    {
        var options = _server.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var bodyTypes = _server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(endpoint => endpoint.Metadata.OfType<IAcceptsMetadata>())
            .Where(accepts => accepts.RequestType is not null && accepts.ContentTypes.Any(type => type.Contains("json", StringComparison.Ordinal)))
            .Select(accepts => Nullable.GetUnderlyingType(accepts.RequestType!) ?? accepts.RequestType!)
            .Distinct()
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(bodyTypes, Has.Count.GreaterThanOrEqualTo(10), "the admin API's bodies were found");
            foreach (var type in bodyTypes.Append(typeof(HealthEndpoints.HealthReport)).Append(typeof(HealthEndpoints.LivenessReport)))
            {
                Assert.That(options.GetTypeInfo(type).OriginatingResolver, Is.SameAs(EndpointJsonContext.Default), type.FullName);
            }
        });
    }

    [Test]
    public void A_body_reads_the_same_as_through_reflection()
    {
        var generated = _server.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var reflection = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        // Another case, a number as a string, members left to their defaults, a nested dictionary and a JSON value.
        const string body = """
            { "CLIENT_ID": "x", "Grant_Types": ["client_credentials"], "access_token_lifetime": "900",
              "roles": { "reader": ["orders.read"] }, "jwks": { "keys": [] }, "unknown": 1 }
            """;

        var viaContext = JsonSerializer.Deserialize<ClientRequest>(body, generated)!;
        var viaReflection = JsonSerializer.Deserialize<ClientRequest>(body, reflection)!;

        Assert.Multiple(() =>
        {
            Assert.That(generated.GetTypeInfo(typeof(ClientRequest)).OriginatingResolver, Is.SameAs(EndpointJsonContext.Default));
            Assert.That(viaContext.ClientId, Is.EqualTo("x"));
            Assert.That(viaContext.AccessTokenLifetime, Is.EqualTo(900));
            Assert.That(viaContext.RequirePkce, Is.True, "a constructor default is kept");
            Assert.That(JsonSerializer.Serialize(viaContext, reflection), Is.EqualTo(JsonSerializer.Serialize(viaReflection, reflection)));
        });
    }

    [Test]
    public async Task Mvc_looks_for_no_controllers_and_the_pages_still_answer()
    {
        var parts = _server.Services.GetRequiredService<ApplicationPartManager>();
        using var signIn = await _server.Client.GetAsync(new Uri("/admin/sign-in", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(parts.FeatureProviders.OfType<ControllerFeatureProvider>(), Is.Empty);
            Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
