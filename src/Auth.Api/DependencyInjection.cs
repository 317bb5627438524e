using Auth.Api.AdminConsole;
using Auth.Api.Audit;
using Auth.Api.Authorization;
using Auth.Api.Errors;
using Auth.Api.Hardening;
using Auth.Api.Hosting;
using Auth.Api.OAuth;
using Auth.Api.OAuth.BackChannelLogout;
using Auth.Api.Observability;
using Auth.Api.OpenApi;
using Auth.Api.RateLimiting;
using Auth.Api.Seed;
using Auth.Api.SignIn;
using Auth.Api.Startup;
using Auth.Application.Behaviours;
using Auth.Application.Ports;
using Mediator;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace Auth.Api;

public static class DependencyInjection
{
    /// <summary>The HTTP edge: the generated Mediator and its pipeline, the OAuth server, error bodies, limits.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>)];
        });

        services.AddServiceMetrics(configuration);
        services.AddServiceTracing(configuration);
        services.AddJsonLogDefaults(configuration);
        services.AddHttpContextAccessor();
        services.AddSingleton<ISecurityEvents, SecurityEventRecorder>();
        services.AddOAuthServer(configuration, environment);
        services.AddBackChannelLogout(configuration);
        services.AddSessionCookie(configuration);
        services.AddSingleton<SignIn.PasswordReset.PasswordResetMailer>();
        services.AddHostedService(provider => provider.GetRequiredService<SignIn.PasswordReset.PasswordResetMailer>());
        services.AddTrustedProxies(configuration);
        services.AddSecurityHeaders();
        services.AddAllowedHosts();
        services.LeaveReturnUrlsToThePages();
        services.AddClientRateLimiting();
        services.AddConsoleSession(configuration);
        services.AddRazorPages(options =>
        {
            // Every console page needs the console session, but its way in and out.
            options.Conventions.AuthorizeFolder("/Admin", ConsoleSession.Policy);
            options.Conventions.AllowAnonymousToPage("/Admin/SignIn");
            options.Conventions.AllowAnonymousToPage("/Admin/SignOut");
        }).ConfigureApplicationPartManager(parts =>
        {
            // No MVC controllers here: without their feature provider, MVC does not load every type of the assembly
            // looking for one when the pages are mapped (docs/performance.md, ephemeral start-up).
            parts.FeatureProviders.Remove(parts.FeatureProviders.OfType<ControllerFeatureProvider>().Single());
        });
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, EndpointJsonContext.Default));
        services.AddGracefulShutdown(configuration);
        services.AddOptions<SeedOptions>().Bind(configuration.GetSection(SeedOptions.Section));

        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.AddProblemDetails();
        services.AddApiAuthorization();
        services.AddApiDocument(configuration);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(options =>
        {
            // No endpoint of this service takes more than a SCIM resource; refuse bigger bodies early.
            options.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes;
            options.AddServerHeader = false;
        });
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(options =>
        {
            options.ValueCountLimit = RequestLimits.MaxFormValues;
            options.ValueLengthLimit = RequestLimits.MaxFormValueBytes;
            options.KeyLengthLimit = 256;
        });
        return services;
    }
}
