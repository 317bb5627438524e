using Auth.Api;
using Auth.Api.Admin;
using Auth.Api.Audit;
using Auth.Api.Cli;
using Auth.Api.Errors;
using Auth.Api.Hardening;
using Auth.Api.Health;
using Auth.Api.Mfa;
using Auth.Api.OAuth;
using Auth.Api.OAuth.Endpoints;
using Auth.Api.OAuth.Middleware;
using Auth.Api.Observability;
using Auth.Api.OpenApi;
using Auth.Api.RateLimiting;
using Auth.Api.Scim;
using Auth.Api.Startup;
using Auth.Application;
using Auth.Infrastructure;

// The server, or an operator command: ProcessArguments says how the two are told apart.
var arguments = ProcessArguments.Split(args);

// appsettings.json ships beside the binary, so the service finds it from any working directory;
// relative paths in it (the data directory) are relative to the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = arguments.Host, ContentRootPath = AppContext.BaseDirectory })
    .ListenForMetrics()
    .LogToStandardErrorForCommands(arguments);
builder.Services
    .AddApplication(builder.Configuration)
    .AddInfrastructure(builder.Configuration)
    .AddApi(builder.Configuration, builder.Environment);

var app = builder.Build();
if (arguments.IsCommand)
{
    return await CommandLine.RunAsync(app, arguments.Command);
}

// The store is prepared while the request pipeline is built: the two share nothing, and building the pipeline (mostly
// JIT work) uses the second core (docs/performance.md, issue #15). Kestrel listens only after both, in RunAsync.
var storePrepared = Task.Run(() => app.PrepareStoreAsync());

app.UseErrorBodies();
app.UseAllowedHosts();
app.UseMetricsGuard();
app.UseTrustedProxies();
app.UseRequestBodyLimits();
app.UseSecurityHeaders();
app.UseRequestParameters();
app.UseClientRateLimiting();
app.UseStaticFiles();
app.UseMetadataResponseCache();
app.UseOAuthRequestGuards();
app.UseAuthentication();
app.UseScimOperationCounting();
app.UseAuthorization();
app.UseOutputCache();

app.MapHealth();
app.MapMetrics();
app.MapAudit();
app.MapAdminSigningKeys();
app.MapAdminUsers();
app.MapAdminIdentityProviders();
app.MapAdminUserWrites();
app.MapAdminUserPasswordLinks();
app.MapAdminUserRoles();
app.MapAdminUserSessions();
app.MapAdminClients();
app.MapAdminClientTokens();
app.MapAdminScopes();
app.MapTokenEndpoint();
app.MapUserInfoEndpoint();
app.MapScim();
app.MapMfa();
app.MapApiDocument();
app.MapRazorPages();

if (!await storePrepared)
{
    return CommandLine.Failure;
}

await app.RunAsync();
return 0;

/// <summary>Visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
