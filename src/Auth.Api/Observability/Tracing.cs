using System.Diagnostics;
using Auth.Infrastructure.RateLimiting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Auth.Api.Observability;

/// <summary>
/// Traces over OTLP, on only when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or
/// <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c> is set: then the server span of each request (ASP.NET Core), its outgoing
/// HTTP calls (federation, back-channel logout, jwks_uri), its PostgreSQL commands (Npgsql), its SQLite commands (EF
/// Core) and its Redis calls. Otherwise no tracer is registered and nothing listens to these sources. The other OTEL_*
/// variables (protocol, headers, sampler, batch delay, resource) work as the OpenTelemetry SDK documents them.
/// </summary>
public static class Tracing
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string TracesEndpointVariable = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";

    /// <summary>service.name unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES name another.</summary>
    public const string ServiceName = "auth";

    /// <summary>Health probes and Prometheus scrapes come every few seconds and say nothing about a user's request.</summary>
    private static readonly PathString[] Untraced = [Routes.Health, Routes.Metrics];

    public static bool IsExported(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[EndpointVariable]) || !string.IsNullOrWhiteSpace(configuration[TracesEndpointVariable]);

    /// <summary>The resource of every signal: service.name, service.version, service.instance.id, then OTEL_* on top.</summary>
    public static ResourceBuilder DescribeService(this ResourceBuilder resource) => resource
        .AddService(ServiceName, serviceVersion: ServiceVersion.Current, autoGenerateServiceInstanceId: true)
        .AddEnvironmentVariableDetector();

    public static IServiceCollection AddServiceTracing(this IServiceCollection services, IConfiguration configuration)
    {
        // Traces exported or not, ASP.NET Core reads each request's trace context with the propagator it finds here.
        services.AddSingleton<DistributedContextPropagator>(new TraceParentOnly());
        if (!IsExported(configuration))
        {
            return services;
        }

        // The SDK's own default (trace context and baggage) would make the ASP.NET Core instrumentation read the
        // caller's tracestate and baggage again, and the HttpClient instrumentation send them on: W3C trace context
        // only, which the instrumentations leave to the runtime (that is, to TraceParentOnly).
        Sdk.SetDefaultTextMapPropagator(new TraceContextPropagator());

        services.AddSingleton<RedisTracing>();
        services.AddSingleton<IRedisConnectionObserver>(provider => provider.GetRequiredService<RedisTracing>());
        // The resource here too: with Metrics:Enabled=false (ephemeral mode's default) no meter provider describes it.
        services.AddOpenTelemetry().ConfigureResource(resource => resource.DescribeService()).WithTracing(tracing => tracing
            .AddAspNetCoreInstrumentation(options =>
            {
                options.Filter = context => !Untraced.Any(path => context.Request.Path.StartsWithSegments(path));
            })
            .AddHttpClientInstrumentation()
            .AddNpgsql()

            // The embedded store: a span per SQLite command. PostgreSQL commands have Npgsql's own spans.
            .AddEntityFrameworkCoreInstrumentation(options =>
                options.Filter = (provider, _) => provider == "Microsoft.EntityFrameworkCore.Sqlite")
            .AddRedisInstrumentation(options => options.SetVerboseDatabaseStatements = false)
            .ConfigureRedisInstrumentation((provider, instrumentation) => provider.GetRequiredService<RedisTracing>().Use(instrumentation))
            .AddProcessor<SpanRedaction>()
            .AddOtlpExporter(exporter => ApplyTracesVariables(configuration, exporter)));
        return services;
    }

    /// <summary>
    /// Builds the tracer provider, when traces are exported, before the first database command rather than when the
    /// host starts: EF Core asks each context's command logger whether anyone listens to its events and remembers a
    /// "no" for a second (its logging cache time), so a pooled context used while the store is prepared would leave
    /// the commands of the first requests after the start without spans.
    /// </summary>
    public static void StartTracing(this IServiceProvider services) => services.GetService<TracerProvider>();

    /// <summary>
    /// AddOtlpExporter reads the OTEL_EXPORTER_OTLP_* variables; only the SDK's UseOtlpExporter, which would also
    /// export metrics and logs, reads their OTEL_EXPORTER_OTLP_TRACES_* twins. They win here, as the specification says.
    /// A traces endpoint is used as given (no /v1/traces is added to it).
    /// </summary>
    private static void ApplyTracesVariables(IConfiguration configuration, OtlpExporterOptions exporter)
    {
        if (configuration["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"] is { Length: > 0 } protocol)
        {
            exporter.Protocol = protocol.Trim() switch
            {
                "grpc" => OtlpExportProtocol.Grpc,
                "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
                _ => throw new InvalidOperationException($"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL is grpc or http/protobuf, not {protocol}."),
            };
        }

        if (configuration[TracesEndpointVariable] is { Length: > 0 } endpoint)
        {
            exporter.Endpoint = Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri)
                ? uri
                : throw new InvalidOperationException($"{TracesEndpointVariable} is an absolute URL such as http://collector:4318/v1/traces.");
        }

        if (configuration["OTEL_EXPORTER_OTLP_TRACES_HEADERS"] is { Length: > 0 } headers)
        {
            exporter.Headers = headers;
        }

        if (configuration["OTEL_EXPORTER_OTLP_TRACES_TIMEOUT"] is { Length: > 0 } timeout && int.TryParse(timeout, out var milliseconds))
        {
            exporter.TimeoutMilliseconds = milliseconds;
        }
    }
}
