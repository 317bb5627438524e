using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Console;

namespace Auth.Api.Observability;

/// <summary>
/// Defaults for the built-in JSON console formatter (<c>Logging:Console:FormatterName=json</c>): one JSON object per
/// line with a UTC timestamp and the scopes, among them the request's TraceId and SpanId, so log lines join the traces
/// (docs/observability.md). A setting under <c>Logging:Console:FormatterOptions</c> still wins.
/// </summary>
public static class JsonLogs
{
    private const string FormatterOptions = "Logging:Console:FormatterOptions";

    public static IServiceCollection AddJsonLogDefaults(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = configuration.GetSection(FormatterOptions);
        services.Configure<JsonConsoleFormatterOptions>(options =>
        {
            if (configured[nameof(options.IncludeScopes)] is null)
            {
                options.IncludeScopes = true;
            }

            if (configured[nameof(options.UseUtcTimestamp)] is null)
            {
                options.UseUtcTimestamp = true;
            }

            if (configured[nameof(options.TimestampFormat)] is null)
            {
                options.TimestampFormat = options.UseUtcTimestamp ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fffzzz";
            }

            // Control characters, quotes and backslashes are still escaped, so an event stays on one line; '+', '<',
            // '>', '&' and non-ASCII letters stay readable (a log line is no HTML page).
            options.JsonWriterOptions = new JsonWriterOptions { Encoder = options.JsonWriterOptions.Encoder ?? JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        });
        return services;
    }
}
