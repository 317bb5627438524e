using System.Reflection;

namespace Auth.Api;

/// <summary>The service's version as /health and the OpenAPI document report it.</summary>
public static class ServiceVersion
{
    /// <summary>The assembly's informational version without the source-control suffix, computed once.</summary>
    public static readonly string Current =
        (typeof(ServiceVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(ServiceVersion).Assembly.GetName().Version?.ToString() ?? "0.0.0").Split('+')[0];
}
