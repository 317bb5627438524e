using Auth.Api.ClientRegistration;
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
using Auth.Api.Testing;
using Auth.Application;
using Auth.Infrastructure;
using Auth.Infrastructure.Keys;
using Auth.Infrastructure.Persistence;

namespace Auth.Api.Hosting;

/// <summary>
/// The one way the service is built and started: by the executable (<see cref="RunAsync"/>, from Program.cs) and by
/// a test suite's in-process fixture (<see cref="StartAsync"/>, Auth.Testing), so both run the same pipeline.
/// </summary>
public static class ServiceHost
{
    /// <summary>The executable: the server, or an operator command (<see cref="ProcessArguments"/> tells them apart).</summary>
    /// <returns>The process's exit code.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = ProcessArguments.Split(args);
        WebApplication app;
        try
        {
            app = Build(arguments);
        }
        catch (EphemeralModeRefusedException refused)
        {
            await Console.Error.WriteLineAsync(refused.Message);
            return CommandLine.Failure;
        }

        if (arguments.IsCommand)
        {
            return await CommandLine.RunAsync(app, arguments.Command);
        }

        if (!await StartServingAsync(app))
        {
            await app.DisposeAsync();
            return CommandLine.Failure;
        }

        if (app.Services.GetRequiredService<EphemeralMode>().IsOn)
        {
            // The one line a test harness in any language waits for on standard output; logs go to standard error.
            await Console.Out.WriteLineAsync((await ReadyLine.OfAsync(app)).ToJson());
            await Console.Out.FlushAsync();
        }

        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>
    /// Starts the server in this process and returns once it takes requests; the caller stops it by disposing the
    /// returned application. Throws when the arguments name a command, or when the seed file or a configured identity
    /// provider stops the start.
    /// </summary>
    public static async Task<WebApplication> StartAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var arguments = ProcessArguments.Split(args);
        if (arguments.IsCommand)
        {
            throw new ArgumentException($"Not a server setting: {string.Join(' ', arguments.Command)}", nameof(args));
        }

        var app = Build(arguments);
        try
        {
            if (!await StartServingAsync(app, cancellationToken))
            {
                throw new InvalidOperationException("The store could not be prepared: the seed file or a configured identity provider was refused (see the log).");
            }

            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static WebApplication Build(ProcessArguments arguments)
    {
        // appsettings.json ships beside the binary, so the service finds it from any working directory;
        // relative paths in it (the data directory) are relative to the working directory. The application name is
        // this assembly's, not the entry assembly's: started in process by a test host (Auth.Testing), Razor Pages and
        // the other application parts are still found here.
        var options = new WebApplicationOptions
        {
            Args = arguments.Host,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(ServiceHost).Assembly.GetName().Name,
        };
        var builder = WebApplication.CreateBuilder(options).UseEphemeralModeWhenAsked();
        try
        {
            builder.ListenForMetrics().LogToStandardErrorForCommands(arguments);
            builder.Services
                .AddApplication(builder.Configuration)
                .AddInfrastructure(builder.Configuration)
                .AddApi(builder.Configuration, builder.Environment);
            return builder.Build();
        }
        catch
        {
            builder.ReleaseReservedPort();
            throw;
        }
    }

    /// <summary>Prepares the store and builds the pipeline at once, then listens.</summary>
    /// <returns>false when the seed file or a configured provider stopped the start (nothing listens then).</returns>
    private static async Task<bool> StartServingAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        app.WarnWhenEphemeral();
        app.Services.StartTracing();
        var ephemeral = app.Services.GetService<EphemeralDatabase>();
        if (ephemeral is not null)
        {
            // Before anything runs against it, the hosted services that start with Kestrel included.
            await ephemeral.EnsureSchemaAsync(cancellationToken);
        }

        // The store is prepared while the request pipeline is built: the two share nothing, and building the pipeline
        // (mostly JIT work) uses the second core (docs/performance.md, issue #15).
        var storePrepared = Task.Run(() => app.PrepareStoreAsync(cancellationToken), cancellationToken);
        if (ephemeral is null)
        {
            // Kestrel listens only after both: a store migrating or refusing its seed never answers a request.
            MapPipeline(app);
            if (!await storePrepared)
            {
                return false;
            }

            await app.StartAsync(cancellationToken);
            return true;
        }

        // A new in-memory store (ephemeral mode) is prepared in well under a second: the host starts beside it (the
        // pipeline built, hosted services started, Kestrel bound) and holds every request until it is ready, so the
        // first answer comes that much sooner and none comes from an unprepared store (docs/performance.md, ephemeral start-up).
        // The hosted services' first database work waits for the store too, rather than competing with its preparation.
        var readiness = app.Services.GetRequiredService<StoreReadiness>();
        readiness.Hold();
        var keys = app.Services.GetRequiredService<SigningKeyRing>();
        app.HoldRequestsUntil(storePrepared, alive: () => keys.Keys.Count > 0);
        MapPipeline(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            // Not listening (a port in use, an invalid setting): the store's preparation ends before the caller
            // disposes what it runs on.
            await Task.WhenAny(storePrepared);
            throw;
        }

        // Meanwhile, once the signing keys are in (the token server answers nothing before), the first request's
        // one-time work through a liveness request of its own.
        using (var loading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            if (await Task.WhenAny(keys.LoadedAsync(loading.Token), storePrepared) != storePrepared)
            {
                // Best effort: a warm-up that stalls does not hold the ready line back.
                await Task.WhenAny(FirstRequestWarmUp.SendAsync(app, cancellationToken), storePrepared);
            }

            await loading.CancelAsync();
        }

        bool prepared;
        try
        {
            prepared = await storePrepared;
        }
        catch
        {
            await app.StopAsync(CancellationToken.None);
            throw;
        }

        if (!prepared)
        {
            await app.StopAsync(CancellationToken.None);
            return false;
        }

        readiness.Release();
        return true;
    }

    private static void MapPipeline(WebApplication app)
    {
        app.UseErrorBodies();
        app.UseAllowedHosts();
        app.UseMetricsGuard();
        app.UseTrustedProxies();
        app.UseRequestBodyLimits();
        app.UseSecurityHeaders();
        app.UseCrossOriginRequests();
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
        app.MapAdminRegistrationTokens();
        app.MapTokenEndpoint();
        app.MapClientRegistration();
        app.MapUserInfoEndpoint();
        app.MapScim();
        app.MapMfa();
        app.MapTestingHelpers();
        app.MapApiDocument();
        app.MapRazorPages();
    }
}
